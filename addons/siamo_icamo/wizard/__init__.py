from . import siamo_icamo_return_import
from . import siamo_icamo_recommendation_respond
