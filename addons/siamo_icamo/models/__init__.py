from . import siamo_accreditation
