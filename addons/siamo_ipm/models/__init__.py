from . import siamo_beneficiary
from . import siamo_membership
from . import siamo_ipm_rule
from . import siamo_contribution_period
from . import siamo_contribution_line
from . import account_move
from . import siamo_contribution_reminder
from . import siamo_contribution_followup
