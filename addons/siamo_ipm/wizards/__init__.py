from . import siamo_staff_import
from . import siamo_reimbursement
from . import siamo_copayment_statement_prepare
from . import siamo_ipm_return_settings
