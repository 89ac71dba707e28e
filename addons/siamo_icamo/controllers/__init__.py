from . import returns_api
from . import accreditation_portal
from . import accreditation_public
from . import portal
