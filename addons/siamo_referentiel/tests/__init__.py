from . import test_care_package
from . import test_referential_access
from . import test_referential_import
from . import test_res_company
from . import test_res_partner
from . import test_tariff
from . import test_translations
from . import test_bulk
