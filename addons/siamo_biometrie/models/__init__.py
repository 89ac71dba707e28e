from . import siamo_identity_check
from . import siamo_identity_registry
from . import siamo_identity_conflict
from . import siamo_beneficiary
from . import res_config_settings
