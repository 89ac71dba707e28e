from . import test_icamo_access
