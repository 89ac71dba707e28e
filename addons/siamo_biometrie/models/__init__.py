from . import siamo_identity_check
from . import siamo_fse
from . import siamo_fse_intake
from . import siamo_settlement_batch
