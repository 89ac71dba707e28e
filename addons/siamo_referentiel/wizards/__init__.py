from . import siamo_referential_import
