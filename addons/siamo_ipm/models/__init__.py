from . import siamo_beneficiary
from . import siamo_membership
from . import siamo_ipm_rule
