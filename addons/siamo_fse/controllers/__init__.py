from . import fse_api
from . import portal
