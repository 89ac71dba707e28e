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
        ({"contribution_rate": Decimal("0.16")}, "au plus de 15 %"),
        ({"contribution_rate": Decimal("0")}, "au plus de 15 %"),
        ({"employer_share": Decimal("0.4")}, "au moins 50 %"),
        ({"employer_share": Decimal("1.1")}, "au moins 50 %"),
        ({"salary_ceiling": 250_001}, "au plus de 250000 FCFA"),
        ({"waiting_months": 3}, "au plus de 2 mois"),
        ({"period": "weekly"}, "mensuelle ou trimestrielle"),
        ({"grace_days": -1}, "Le délai de grâce ne peut pas être négatif"),
        ({"late_surcharge_rate": Decimal("2")}, "majoration"),
    ],
)
def test_rules_outside_the_law_name_the_limit(change, limit):
    with pytest.raises(InvalidRules, match=limit):
        check_rules(replace(IpmRules(), **change))


def test_percentages_written_the_french_way():
    with pytest.raises(InvalidRules, match="12,5 %"):
        check_rules(replace(IpmRules(), employer_share=Decimal("0.125")))


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
