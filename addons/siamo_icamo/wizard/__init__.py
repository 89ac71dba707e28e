from . import siamo_icamo_return_import
