"""A worked example of a card's identity, the one PROFILE.md, the tests, the virtual card and
the bench take."""

from datetime import date

from .identity import CardIdentity

SAMPLE_IDENTITY = CardIdentity(
    kind="cedeao",
    number="SN0123456789",
    nin="2751199900123",
    surname="NDIAYE",
    given_names="Awa Marème",
    birth_date=date(1975, 11, 19),
    sex="F",
    expiry=date(2031, 5, 1),
)
