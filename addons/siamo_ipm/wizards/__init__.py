from . import siamo_staff_import
