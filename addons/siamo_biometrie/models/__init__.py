from . import siamo_identity_check
