from . import member_card
