from . import returns_api
