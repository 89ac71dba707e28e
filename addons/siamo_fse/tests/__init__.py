from . import test_fse_access
