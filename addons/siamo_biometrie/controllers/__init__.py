from . import identity_check_api
from . import portal
