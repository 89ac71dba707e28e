from dataclasses import replace
from datetime import date

from siamo_core.eligibility import (
    CHILD,
    PARTICIPANT,
    SPOUSE,
    Cover,
    Member,
    age_on,
    cover_start,
    eligibility,
    suspended_since,
)
from siamo_core.ipm_rules import IpmRules

RULES = IpmRules(child_age_limit=21, student_age_limit=26, apprentice_age_limit=23)
COVERED = Cover(start=date(2020, 3, 1))
CHILD_2004 = Member(CHILD, birthdate=date(2004, 6, 15))


def coded(rights):
    """The reasons of ``rights`` as (code, params) pairs."""
    return [(reason.code, reason.params) for reason in rights.reasons]


def test_age_and_leap_birthdays():
    assert age_on(date(2004, 6, 15), date(2025, 6, 14)) == 20
    assert age_on(date(2004, 6, 15), date(2025, 6, 15)) == 21
    assert age_on(date(2004, 2, 29), date(2025, 2, 28)) == 20
    assert age_on(date(2004, 2, 29), date(2025, 3, 1)) == 21


def test_waiting_period_of_two_months_of_contributions():
    start = cover_start(date(2026, 1, 20), RULES)
    assert start == date(2026, 3, 1)
    assert cover_start(date(2025, 11, 1), RULES) == date(2026, 1, 1)
    participant = Member(PARTICIPANT)
    waiting = eligibility(participant, Cover(start=start), RULES, date(2026, 2, 28))
    assert not waiting.eligible
    assert coded(waiting) == [("RIGHTS_WAITING", {"date": date(2026, 2, 28)})]
    assert waiting.explanation == "in the waiting period until 2026-02-28"
    assert eligibility(participant, Cover(start=start), RULES, date(2026, 3, 1)).eligible
    never_paid = eligibility(participant, Cover(start=None), RULES, date(2026, 3, 1))
    assert coded(never_paid) == [("RIGHTS_NO_CONTRIBUTION", {})]


def test_child_on_the_day_before_and_of_his_limit_birthday():
    assert eligibility(CHILD_2004, COVERED, RULES, date(2025, 6, 14)).eligible
    refused = eligibility(CHILD_2004, COVERED, RULES, date(2025, 6, 15))
    assert coded(refused) == [("RIGHTS_CHILD_NO_CERTIFICATE", {"age": 21})]
    assert refused.explanation == "child aged 21 without a valid school certificate"


def test_student_certificate_extends_until_its_end_and_the_student_limit():
    student = replace(CHILD_2004, student_until=date(2027, 7, 31))
    assert eligibility(student, COVERED, RULES, date(2026, 9, 1)).eligible
    expired = eligibility(student, COVERED, RULES, date(2027, 8, 1))
    assert coded(expired) == [("RIGHTS_CHILD_NO_CERTIFICATE", {"age": 23})]
    old_student = replace(CHILD_2004, student_until=date(2031, 7, 31))
    assert eligibility(old_student, COVERED, RULES, date(2030, 6, 14)).eligible
    too_old = eligibility(old_student, COVERED, RULES, date(2030, 6, 15))
    assert coded(too_old) == [("RIGHTS_STUDENT_TOO_OLD", {"age": 26, "limit": 26})]


def test_apprentice_limit():
    apprentice = replace(CHILD_2004, apprentice_until=date(2030, 1, 1))
    assert eligibility(apprentice, COVERED, RULES, date(2027, 6, 14)).eligible
    assert coded(eligibility(apprentice, COVERED, RULES, date(2027, 6, 15))) == [
        ("RIGHTS_APPRENTICE_TOO_OLD", {"age": 23, "limit": 23})
    ]


def test_disabled_child_has_no_age_limit_when_the_ipm_says_so():
    disabled = replace(CHILD_2004, disabled=True)
    assert eligibility(disabled, COVERED, RULES, date(2060, 1, 1)).eligible
    strict = replace(RULES, disabled_child_covered=False)
    assert not eligibility(disabled, COVERED, strict, date(2060, 1, 1)).eligible


def test_child_with_unknown_or_future_birth():
    unknown = eligibility(Member(CHILD), COVERED, RULES, date(2026, 1, 1))
    assert coded(unknown) == [("RIGHTS_NO_BIRTHDATE", {})]
    unborn = Member(CHILD, birthdate=date(2026, 5, 1))
    assert coded(eligibility(unborn, COVERED, RULES, date(2026, 4, 30))) == [
        ("RIGHTS_NOT_BORN", {})
    ]


def test_spouses_beyond_the_number_covered():
    assert eligibility(Member(SPOUSE, spouse_rank=4), COVERED, RULES, date(2026, 1, 1)).eligible
    fifth = eligibility(Member(SPOUSE, spouse_rank=5), COVERED, RULES, date(2026, 1, 1))
    assert coded(fifth) == [("RIGHTS_TOO_MANY_SPOUSES", {"limit": 4})]


def test_rights_fall_after_the_grace_period_and_come_back_when_paid():
    rules = replace(RULES, grace_days=60)
    dues = [(date(2026, 1, 31), None)]
    assert suspended_since(dues, rules, date(2026, 3, 31)) is None
    assert suspended_since(dues, rules, date(2026, 4, 1)) == date(2026, 4, 1)
    paid_late = [(date(2026, 1, 31), date(2026, 4, 10))]
    assert suspended_since(paid_late, rules, date(2026, 4, 9)) == date(2026, 4, 1)
    assert suspended_since(paid_late, rules, date(2026, 4, 10)) is None
    two = [(date(2026, 1, 31), date(2026, 4, 10)), (date(2026, 2, 28), None)]
    assert suspended_since(two, rules, date(2026, 5, 1)) == date(2026, 4, 29)


def test_suspension_and_departure_reach_the_family():
    suspended = Cover(start=date(2020, 3, 1), suspended_since=date(2026, 4, 1))
    spouse = Member(SPOUSE)
    refused = eligibility(spouse, suspended, RULES, date(2026, 4, 1))
    assert coded(refused) == [("RIGHTS_SUSPENDED", {"date": date(2026, 4, 1)})]
    assert eligibility(spouse, suspended, RULES, date(2026, 3, 31)).eligible
    left = Cover(start=date(2020, 3, 1), left_on=date(2026, 6, 30))
    assert coded(eligibility(spouse, left, RULES, date(2026, 6, 30))) == [
        ("RIGHTS_LEFT", {"date": date(2026, 6, 30)})
    ]
