from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siamo_core.agreement import (
    PARTICIPANT,
    PROVIDER,
    Agreement,
    advanced_copayment,
    advances_copayment,
    agreement_on,
    in_force,
)

RUN = {"derandomize": True, "deadline": None, "database": None}
JAN, JUN, DEC = date(2026, 1, 1), date(2026, 6, 30), date(2026, 12, 31)
FULL = Agreement(JAN, DEC, direct_payment=True, advance_copayment=True)


@pytest.mark.parametrize(
    ("agreement", "day", "expected"),
    [
        (Agreement(JAN, DEC), JAN, True),
        (Agreement(JAN, DEC), DEC, True),
        (Agreement(JAN, DEC), JAN - timedelta(days=1), False),
        (Agreement(JAN, DEC), DEC + timedelta(days=1), False),
        (Agreement(JAN), date(2040, 1, 1), True),
        (Agreement(JAN, DEC, active=False), JUN, False),
    ],
)
def test_an_agreement_is_in_force_from_its_start_to_its_end_while_active(agreement, day, expected):
    assert in_force(agreement, day) is expected


def test_the_latest_start_in_force_wins_and_of_equal_starts_the_first_given():
    old = Agreement(date(2024, 1, 1))
    new = Agreement(JUN, direct_payment=True)
    ended = Agreement(date(2026, 9, 1), date(2026, 9, 30))
    assert agreement_on([old, new, ended], date(2026, 10, 1)) is new
    assert agreement_on([ended, old, new], date(2026, 9, 15)) is ended
    assert agreement_on([new, old], date(2025, 1, 1)) is old
    twin = Agreement(JUN, advance_copayment=True)
    assert agreement_on([twin, new], JUN) is twin
    assert agreement_on([new, twin], JUN) is new
    assert agreement_on([], JUN) is None
    assert agreement_on([replace(old, active=False)], JUN) is None


@pytest.mark.parametrize(
    ("payee", "direct", "advance", "expected"),
    [
        (PROVIDER, True, True, True),
        (PROVIDER, True, False, False),
        (PROVIDER, False, True, False),
        (PROVIDER, False, False, False),
        (PARTICIPANT, True, True, False),
        ("", True, True, False),
    ],
)
def test_the_ipm_advances_the_copayment_only_to_a_provider_it_pays_when_agreed(
    payee, direct, advance, expected
):
    agreement = Agreement(JAN, direct_payment=direct, advance_copayment=advance)
    assert advances_copayment(payee, agreement) is expected
    assert advanced_copayment(1_250, payee, agreement) == (1_250 if expected else 0)


def test_without_an_agreement_in_force_nothing_is_advanced():
    assert advances_copayment(PROVIDER, None) is False
    assert advanced_copayment(1_250, PROVIDER, None) == 0
    assert advanced_copayment(1_250, PROVIDER, FULL) == 1_250
    assert advanced_copayment(0, PROVIDER, FULL) == 0


agreements = st.builds(
    Agreement,
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 12, 31))),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=300, **RUN)
@given(st.lists(agreements, max_size=6), st.dates(date(2019, 6, 1), date(2031, 6, 30)))
def test_the_agreement_on_a_date_is_in_force_and_none_in_force_starts_later(agreements, day):
    chosen = agreement_on(agreements, day)
    in_force_then = [agreement for agreement in agreements if in_force(agreement, day)]
    if chosen is None:
        assert in_force_then == []
        return
    assert in_force(chosen, day)
    assert all(other.date_start <= chosen.date_start for other in in_force_then)
    first_of_latest = next(a for a in in_force_then if a.date_start == chosen.date_start)
    assert chosen is first_of_latest


@settings(max_examples=200, **RUN)
@given(agreements, st.sampled_from([PROVIDER, PARTICIPANT]), st.integers(0, 10**7))
def test_the_advance_is_all_the_copayment_or_nothing(agreement, payee, copayment):
    advanced = advanced_copayment(copayment, payee, agreement)
    assert advanced in (0, copayment)
    if payee == PARTICIPANT:
        assert advanced == 0
