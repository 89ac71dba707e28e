from . import siamo_icamo_return_import
from . import siamo_icamo_recommendation_respond
from . import siamo_accreditation_decide
