from . import siamo_identity_check
from . import siamo_identity_registry
from . import siamo_identity_conflict
from . import siamo_beneficiary
from . import res_config_settings
from . import siamo_fse
from . import siamo_fse_intake
from . import siamo_settlement_batch
