from . import fse_api
from . import portal
from . import api_keys
