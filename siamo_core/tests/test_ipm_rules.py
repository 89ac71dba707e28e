from dataclasses import replace
from decimal import Decimal

import pytest

from siamo_core.contributions import (
    late_surcharge,
    monthly_contribution,
    period_contribution,
    surcharge_due,
)
from siamo_core.ipm_rules import InvalidRules, IpmRules, check_rules

RULES = IpmRules(contribution_rate=Decimal("0.06"))


def test_default_rules_are_lawful():
    check_rules(IpmRules())
    assert IpmRules(period="quarterly").months_per_period == 3


@pytest.mark.parametrize(
    ("change", "limit"),
    [
        (
            {"contribution_rate": Decimal("0.16")},
            ("RULES_BAD_CONTRIBUTION_RATE", {"rate": Decimal(16), "limit": Decimal(15)}),
        ),
        (
            {"contribution_rate": Decimal("0")},
            ("RULES_BAD_CONTRIBUTION_RATE", {"rate": Decimal(0), "limit": Decimal(15)}),
        ),
        (
            {"employer_share": Decimal("0.4")},
            ("RULES_BAD_EMPLOYER_SHARE", {"share": Decimal(40), "limit": Decimal(50)}),
        ),
        (
            {"employer_share": Decimal("1.1")},
            ("RULES_BAD_EMPLOYER_SHARE", {"share": Decimal(110), "limit": Decimal(50)}),
        ),
        (
            {"salary_ceiling": 250_001},
            ("RULES_BAD_SALARY_CEILING", {"ceiling": 250_001, "limit": 250_000}),
        ),
        ({"waiting_months": 3}, ("RULES_BAD_WAITING_MONTHS", {"months": 3, "limit": 2})),
        ({"period": "weekly"}, ("RULES_UNKNOWN_PERIOD", {"period": "weekly"})),
        ({"grace_days": -1}, ("RULES_NEGATIVE_COUNT", {"rule": "grace_days", "value": -1})),
        ({"late_surcharge_rate": Decimal("2")}, ("RULES_BAD_LATE_SURCHARGE", {})),
    ],
)
def test_rules_outside_the_law_name_the_limit(change, limit):
    with pytest.raises(InvalidRules) as refused:
        check_rules(replace(IpmRules(), **change))
    assert (refused.value.code, refused.value.params) == limit


def test_percentages_are_numbers_the_addons_write():
    with pytest.raises(InvalidRules) as refused:
        check_rules(replace(IpmRules(), employer_share=Decimal("0.125")))
    assert refused.value.params["share"] == Decimal("12.5")
    assert "12.5 %" in str(refused.value)


def test_fifteen_percent_and_full_employer_share_are_allowed():
    check_rules(replace(IpmRules(), contribution_rate=Decimal("0.15"), employer_share=Decimal(1)))


@pytest.mark.parametrize(
    ("salary", "base", "total"),
    [
        (249_999, 249_999, 15_000),
        (250_000, 250_000, 15_000),
        (250_001, 250_000, 15_000),
        (1_000_000, 250_000, 15_000),
        (100_000, 100_000, 6_000),
        (0, 0, 0),
    ],
)
def test_contribution_at_below_and_above_the_ceiling(salary, base, total):
    contribution = monthly_contribution(salary, RULES)
    assert (contribution.base, contribution.total) == (base, total)
    assert contribution.employer + contribution.worker == contribution.total


def test_split_half_each_rounding_to_the_employer():
    contribution = monthly_contribution(100_009, replace(RULES, contribution_rate=Decimal("0.07")))
    assert contribution.total == 7_001
    assert (contribution.employer, contribution.worker) == (3_501, 3_500)
    richer = monthly_contribution(100_000, replace(RULES, employer_share=Decimal("0.6")))
    assert (richer.employer, richer.worker) == (3_600, 2_400)


def test_quarter_sums_three_months():
    quarter = period_contribution([200_000, 300_000, 100_000], RULES)
    assert (quarter.base, quarter.total) == (550_000, 33_000)


def test_surcharge_due_from_the_end_of_the_grace_period():
    from datetime import date

    rules = replace(RULES, grace_days=60)
    assert not surcharge_due(date(2026, 1, 31), date(2026, 3, 31), rules)
    assert surcharge_due(date(2026, 1, 31), date(2026, 4, 1), rules)


def test_late_surcharge():
    assert late_surcharge(15_010, RULES) == 751
