from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siamo_core.contributions import (
    PeriodAmounts,
    PeriodDates,
    PeriodLine,
    amounts_by_company,
    period_amounts,
    period_contribution,
    period_dates,
    period_line,
    period_of,
)
from siamo_core.ipm_rules import InvalidRules, IpmRules, check_rules

RUN = {"derandomize": True, "deadline": None, "database": None}
RULES = IpmRules(contribution_rate=Decimal("0.06"))
QUARTERLY = replace(RULES, period="quarterly")


@pytest.mark.parametrize(
    ("year", "month", "due_days", "period", "expected"),
    [
        (2026, 1, 15, "monthly", (date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 15))),
        (2026, 2, 15, "monthly", (date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 15))),
        (2028, 2, 15, "monthly", (date(2028, 2, 1), date(2028, 2, 29), date(2028, 3, 15))),
        (2026, 12, 0, "monthly", (date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 31))),
        (2026, 4, 30, "quarterly", (date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 30))),
        (2026, 11, 15, "quarterly", (date(2026, 11, 1), date(2027, 1, 31), date(2027, 2, 15))),
    ],
)
def test_a_period_runs_whole_months_and_is_due_days_after_its_end(
    year, month, due_days, period, expected
):
    assert period_dates(year, month, due_days, period) == PeriodDates(*expected)


def test_a_period_of_the_ipm_rules_starts_on_the_first_of_the_month():
    assert period_of(date(2026, 3, 17), RULES) == PeriodDates(
        date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 15)
    )
    ten_days = replace(QUARTERLY, due_days=10)
    assert period_of(date(2026, 12, 31), ten_days) == PeriodDates(
        date(2026, 12, 1), date(2027, 2, 28), date(2027, 3, 10)
    )


def test_unknown_periods_and_negative_days_are_refused_with_their_rule_codes():
    with pytest.raises(InvalidRules) as weekly:
        period_dates(2026, 1, 15, "weekly")
    assert (weekly.value.code, weekly.value.params) == (
        "RULES_UNKNOWN_PERIOD",
        {"period": "weekly"},
    )
    with pytest.raises(InvalidRules) as negative:
        period_dates(2026, 1, -1)
    assert (negative.value.code, negative.value.params) == (
        "RULES_NEGATIVE_COUNT",
        {"rule": "due_days", "value": -1},
    )
    with pytest.raises(InvalidRules) as rules:
        check_rules(replace(RULES, due_days=-1))
    assert rules.value.params == {"rule": "due_days", "value": -1}
    assert IpmRules().due_days == 15


def test_a_participant_line_is_the_month_times_the_months_of_the_period():
    month = period_line(200_000, RULES)
    assert month == PeriodLine(200_000, 200_000, 12_000, 6_000, 6_000)
    quarter = period_line(300_000, QUARTERLY)  # the salary is capped at 250 000 a month
    assert quarter == PeriodLine(900_000, 750_000, 45_000, 22_500, 22_500)
    odd = period_line(100_025, replace(QUARTERLY, employer_share=Decimal("0.6")))
    assert (odd.total, odd.employer, odd.worker) == (18_006, 10_803, 7_203)
    # a salary keyed below zero contributes nothing, but is kept as keyed
    assert period_line(-5_000, RULES) == PeriodLine(-5_000, 0, 0, 0, 0)


def test_amounts_add_up_per_member_company_in_the_order_of_their_first_line():
    lines = [
        ("SONATEL", 12_000, 6_000, 6_000),
        ("CSS", 3_000, 1_500, 1_500),
        ("SONATEL", 9_001, 4_501, 4_500),
    ]
    by_company = amounts_by_company(lines)
    assert list(by_company) == ["SONATEL", "CSS"]
    assert by_company["SONATEL"] == PeriodAmounts(2, 21_001, 10_501, 10_500)
    assert by_company["CSS"] == PeriodAmounts(1, 3_000, 1_500, 1_500)
    assert period_amounts(line[1:] for line in lines) == PeriodAmounts(3, 24_001, 12_001, 12_000)
    assert period_amounts([]) == PeriodAmounts() == PeriodAmounts(0, 0, 0, 0)
    assert amounts_by_company([]) == {}


@settings(max_examples=300, **RUN)
@given(
    st.integers(1990, 2100),
    st.integers(1, 12),
    st.integers(0, 120),
    st.sampled_from(["monthly", "quarterly"]),
)
def test_a_period_is_whole_months_back_to_back(year, month, due_days, period):
    dates = period_dates(year, month, due_days, period)
    after = dates.end + timedelta(days=1)
    months = (after.year - dates.start.year) * 12 + after.month - dates.start.month
    assert (dates.start.day, after.day) == (1, 1)
    assert months == {"monthly": 1, "quarterly": 3}[period]
    assert (dates.due - dates.end).days == due_days
    nxt = period_dates(after.year, after.month, due_days, period)
    assert nxt.start == after


salaries = st.integers(0, 2_000_000)
rules = st.builds(
    IpmRules,
    contribution_rate=st.decimals("0.001", "0.15", places=3),
    employer_share=st.decimals("0.5", "1", places=2),
    period=st.sampled_from(["monthly", "quarterly"]),
)


@settings(max_examples=300, **RUN)
@given(st.lists(st.tuples(st.sampled_from("ABC"), salaries), max_size=12), rules)
def test_period_lines_split_exactly_and_sum_per_company_to_the_period(participants, rules):
    lines = []
    for company, salary in participants:
        line = period_line(salary, rules)
        assert line.employer + line.worker == line.total
        months = [salary] * rules.months_per_period
        whole = period_contribution(months, rules)
        assert (line.base, line.total, line.employer, line.worker) == (
            whole.base,
            whole.total,
            whole.employer,
            whole.worker,
        )
        lines.append((company, line.total, line.employer, line.worker))
    by_company = amounts_by_company(lines)
    overall = period_amounts(line[1:] for line in lines)
    assert sum(amounts.count for amounts in by_company.values()) == overall.count == len(lines)
    for field in ("total", "employer", "worker"):
        assert sum(getattr(a, field) for a in by_company.values()) == getattr(overall, field)
    assert overall.employer + overall.worker == overall.total
