"""An IPM's own rules, as dated parameters, checked against the law.

Décret 2012-832 and its model statutes: a contribution of at most 15 % of the salary,
the salary capped at 250 000 FCFA a month, paid at least half by the employer; two months
of contributions before cover starts.
"""

from dataclasses import dataclass
from decimal import Decimal

from .exceptions import SiamoError
from .money import to_decimal

LEGAL_MAX_RATE = Decimal("0.15")
LEGAL_SALARY_CEILING = 250_000
LEGAL_MIN_EMPLOYER_SHARE = Decimal("0.5")
LEGAL_WAITING_MONTHS = 2
PERIODS = {"monthly": 1, "quarterly": 3}
DEFAULT_DUE_DAYS = 15
COUNTS = (
    "grace_days",
    "due_days",
    "child_age_limit",
    "student_age_limit",
    "apprentice_age_limit",
    "max_spouses",
)


class InvalidRules(SiamoError):
    """An IPM rule is outside what the law allows."""


@dataclass(frozen=True)
class IpmRules:
    contribution_rate: Decimal = Decimal("0.06")
    employer_share: Decimal = Decimal("0.5")
    salary_ceiling: int = LEGAL_SALARY_CEILING
    waiting_months: int = LEGAL_WAITING_MONTHS
    grace_days: int = 60
    child_age_limit: int = 21
    student_age_limit: int = 26
    apprentice_age_limit: int = 23
    disabled_child_covered: bool = True
    max_spouses: int = 4
    late_surcharge_rate: Decimal = Decimal("0.05")
    period: str = "monthly"
    due_days: int = DEFAULT_DUE_DAYS  # days after a period's end to pay its contributions

    @property
    def months_per_period(self):
        return PERIODS[self.period]


def _percent(rate):
    """A rate as a percentage: 0.125 gives Decimal("12.5"), which the addons write the way
    the user's language writes a decimal number."""
    return (to_decimal(rate) * 100).normalize()


def check_rules(rules):
    """Raise :class:`InvalidRules` with the legal limit when a rule breaks the law."""
    rate = to_decimal(rules.contribution_rate)
    if not Decimal(0) < rate <= LEGAL_MAX_RATE:
        raise InvalidRules(
            "RULES_BAD_CONTRIBUTION_RATE",
            "The contribution rate %(rate)s %% is not allowed: it must be positive and at most "
            "%(limit)s %% of the salary (decree 2012-832).",
            rate=_percent(rate),
            limit=_percent(LEGAL_MAX_RATE),
        )
    share = to_decimal(rules.employer_share)
    if not LEGAL_MIN_EMPLOYER_SHARE <= share <= 1:
        raise InvalidRules(
            "RULES_BAD_EMPLOYER_SHARE",
            "The employer share %(share)s %% is not allowed: the employer pays at least "
            "%(limit)s %% of the contribution.",
            share=_percent(share),
            limit=_percent(LEGAL_MIN_EMPLOYER_SHARE),
        )
    if not 0 < rules.salary_ceiling <= LEGAL_SALARY_CEILING:
        raise InvalidRules(
            "RULES_BAD_SALARY_CEILING",
            "The salary ceiling %(ceiling)s FCFA is not allowed: it is at most %(limit)s FCFA "
            "a month.",
            ceiling=rules.salary_ceiling,
            limit=LEGAL_SALARY_CEILING,
        )
    if not 0 <= rules.waiting_months <= LEGAL_WAITING_MONTHS:
        raise InvalidRules(
            "RULES_BAD_WAITING_MONTHS",
            "A waiting period of %(months)s months is not allowed: it is at most %(limit)s "
            "months of contributions.",
            months=rules.waiting_months,
            limit=LEGAL_WAITING_MONTHS,
        )
    if rules.period not in PERIODS:
        raise InvalidRules(
            "RULES_UNKNOWN_PERIOD",
            "The period “%(period)s” is unknown (monthly or quarterly).",
            period=rules.period,
        )
    for name in COUNTS:
        if getattr(rules, name) < 0:
            raise InvalidRules(
                "RULES_NEGATIVE_COUNT",
                "%(rule)s cannot be negative.",
                rule=name,
                value=getattr(rules, name),
            )
    if not 0 <= to_decimal(rules.late_surcharge_rate) <= 1:
        raise InvalidRules("RULES_BAD_LATE_SURCHARGE", "The late surcharge is between 0 and 100 %.")
