from . import res_partner
from . import siamo_fse
from . import siamo_fse_submission
from . import siamo_fse_intake
from . import siamo_fse_demo
