from . import identity_check_api
