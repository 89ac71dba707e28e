from . import test_referential_access
from . import test_referential_import
from . import test_res_company
from . import test_res_partner
from . import test_translations
from . import test_bulk
from . import test_core_error_messages
from . import test_referential_import_jobs
