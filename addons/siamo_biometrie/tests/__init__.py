from . import test_identity_check_access
from . import test_access_matrix
