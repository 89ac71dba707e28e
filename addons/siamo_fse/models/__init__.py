from . import siamo_fse
