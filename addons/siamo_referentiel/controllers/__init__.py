from . import api_unavailable
