from . import res_company
from . import res_partner
from . import siamo_department
from . import siamo_region
