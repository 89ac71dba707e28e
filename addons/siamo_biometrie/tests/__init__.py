from . import test_identity_check_access
from . import test_identity_check_api
from . import test_presence_proof
from . import test_access_matrix
from . import test_identity_check_portal
from . import test_identity_check_tour
