from . import test_identity_check_access
