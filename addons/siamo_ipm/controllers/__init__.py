from . import member_card
from . import portal
from . import portal_contributions
from . import portal_requests
from . import portal_care
