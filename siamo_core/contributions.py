"""Contributions: the rate of the IPM on the salary up to the ceiling, split employer / worker;
a contribution period's dates, its participants' lines and its amounts per member company."""

from dataclasses import dataclass
from datetime import date, timedelta

from .ipm_rules import PERIODS, InvalidRules
from .money import apply_rate, fcfa, split


@dataclass(frozen=True)
class Contribution:
    base: int  # the salary retained, at most the ceiling
    total: int
    employer: int
    worker: int


def monthly_contribution(salary, rules):
    """The contribution of one month's ``salary`` under ``rules``; employer + worker = total."""
    base = min(fcfa(salary), rules.salary_ceiling)
    if base < 0:
        base = 0
    total = apply_rate(base, rules.contribution_rate)
    employer, worker = split(total, rules.employer_share)
    return Contribution(base=base, total=total, employer=employer, worker=worker)


def period_contribution(monthly_salaries, rules):
    """The contribution of a period from each month's salary (one per month of the period)."""
    months = [monthly_contribution(salary, rules) for salary in monthly_salaries]
    return Contribution(
        base=sum(month.base for month in months),
        total=sum(month.total for month in months),
        employer=sum(month.employer for month in months),
        worker=sum(month.worker for month in months),
    )


def surcharge_due(due_date, on_date, rules):
    """Whether an amount still unpaid on ``on_date`` now bears the late-payment surcharge:
    from the end of the grace period on, the day rights fall."""
    return (on_date - due_date).days >= rules.grace_days


def late_surcharge(amount_due, rules):
    """The surcharge on an amount left unpaid after its due date, rounded half up."""
    return apply_rate(amount_due, rules.late_surcharge_rate)


# ---------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class PeriodDates:
    start: date  # the first day of the period's first month
    end: date  # the last day of its last month
    due: date  # the day the member companies must have paid


def _add_months(day, months):
    """The first day of the month ``months`` after that of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_dates(year, month, due_days, period="monthly"):
    """The :class:`PeriodDates` of the contribution period that starts in ``month`` of
    ``year``: it runs one month ("monthly") or three ("quarterly"), and is due ``due_days``
    days after its end (an IPM parameter; 15 days when it is not set)."""
    if period not in PERIODS:
        raise InvalidRules(
            "RULES_UNKNOWN_PERIOD",
            "The period “%(period)s” is unknown (monthly or quarterly).",
            period=period,
        )
    if due_days < 0:
        raise InvalidRules(
            "RULES_NEGATIVE_COUNT",
            "%(rule)s cannot be negative.",
            rule="due_days",
            value=due_days,
        )
    start = date(year, month, 1)
    end = _add_months(start, PERIODS[period]) - timedelta(days=1)
    return PeriodDates(start=start, end=end, due=end + timedelta(days=due_days))


def period_of(on_date, rules):
    """The :class:`PeriodDates` of the period that starts in the month of ``on_date``, under
    the IPM's ``rules`` (their period length and days to pay)."""
    return period_dates(on_date.year, on_date.month, rules.due_days, rules.period)


@dataclass(frozen=True)
class PeriodLine:
    """A participant's contribution over a whole period: every amount is a month's times the
    months of the period, so employer + worker = total."""

    salary: int
    base: int
    total: int
    employer: int
    worker: int


def period_line(monthly_salary, rules):
    """The :class:`PeriodLine` of a participant paid ``monthly_salary`` every month of the
    period under ``rules``."""
    months = rules.months_per_period
    month = monthly_contribution(monthly_salary, rules)
    return PeriodLine(
        salary=fcfa(monthly_salary) * months,
        base=month.base * months,
        total=month.total * months,
        employer=month.employer * months,
        worker=month.worker * months,
    )


@dataclass(frozen=True)
class PeriodAmounts:
    """The sums of some lines of a period: how many, their total and the two shares."""

    count: int = 0
    total: int = 0
    employer: int = 0
    worker: int = 0

    def plus(self, total, employer, worker):
        return PeriodAmounts(
            self.count + 1, self.total + total, self.employer + employer, self.worker + worker
        )


def period_amounts(lines):
    """The :class:`PeriodAmounts` of ``lines``, each a ``(total, employer, worker)``."""
    amounts = PeriodAmounts()
    for total, employer, worker in lines:
        amounts = amounts.plus(total, employer, worker)
    return amounts


def amounts_by_company(lines):
    """``{company: PeriodAmounts}`` of ``lines``, each a ``(company, total, employer,
    worker)``: what each member company's invoice of the period says. The companies come in
    the order of their first line."""
    amounts = {}
    for company, total, employer, worker in lines:
        amounts[company] = amounts.get(company, PeriodAmounts()).plus(total, employer, worker)
    return amounts
