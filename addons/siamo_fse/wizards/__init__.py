from . import siamo_reimbursement
from . import siamo_copayment_statement_prepare
