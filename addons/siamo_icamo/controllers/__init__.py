from . import returns_api
from . import portal
