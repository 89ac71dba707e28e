from . import test_fse_access
from . import test_intake
from . import test_api
from . import test_settlement
from . import test_copayment_recovery
from . import test_payment_order
from . import test_money_roles
from . import test_money_tour
