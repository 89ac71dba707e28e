from . import member_card
from . import portal
