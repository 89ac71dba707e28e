from . import test_icamo_access
from . import test_icamo_api
from . import test_icamo_collection
from . import test_icamo_correspondent
from . import test_icamo_indicators
from . import test_icamo_ipm_history
from . import test_icamo_soap
from . import test_icamo_dashboard
