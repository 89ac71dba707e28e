from . import test_beneficiary
from . import test_demo
from . import test_ipm_access
from . import test_rights
from . import test_member_card
from . import test_contributions
from . import test_followup
from . import test_staff_import
