from . import test_intake
from . import test_api
from . import test_settlement_portal
from . import test_portal_money
from . import test_demo
from . import test_provider_scope
from . import test_api_hostile
from . import test_api_keys
