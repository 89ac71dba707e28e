"""Contributions: the rate of the IPM on the salary up to the ceiling, split employer / worker."""

from dataclasses import dataclass

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
