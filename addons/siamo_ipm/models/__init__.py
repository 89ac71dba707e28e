from . import siamo_beneficiary
from . import siamo_membership
