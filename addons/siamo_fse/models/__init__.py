from . import res_partner
from . import siamo_care_authorization
from . import siamo_fse
from . import siamo_fse_line
from . import siamo_fse_submission
from . import siamo_fse_intake
from . import res_company
from . import siamo_settlement_batch
