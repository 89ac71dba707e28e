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
COUNT_LABELS = {
    "grace_days": "Le délai de grâce",
    "child_age_limit": "La limite d'âge d'un enfant",
    "student_age_limit": "La limite d'âge d'un étudiant",
    "apprentice_age_limit": "La limite d'âge d'un apprenti",
    "max_spouses": "Le nombre de conjoints couverts",
}


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

    @property
    def months_per_period(self):
        return PERIODS[self.period]


def _percent(rate):
    """A rate as French writes a percentage: 0.125 gives « 12,5 »."""
    return format((rate * 100).normalize(), "f").replace(".", ",")


def check_rules(rules):
    """Raise :class:`InvalidRules` with the legal limit when a rule breaks the law."""
    rate = to_decimal(rules.contribution_rate)
    if not Decimal(0) < rate <= LEGAL_MAX_RATE:
        raise InvalidRules(
            f"Le taux de cotisation {_percent(rate)} % n'est pas permis : il doit être positif "
            f"et au plus de {_percent(LEGAL_MAX_RATE)} % du salaire (décret 2012-832)."
        )
    share = to_decimal(rules.employer_share)
    if not LEGAL_MIN_EMPLOYER_SHARE <= share <= 1:
        raise InvalidRules(
            f"La part employeur {_percent(share)} % n'est pas permise : l'employeur paie au moins "
            f"{_percent(LEGAL_MIN_EMPLOYER_SHARE)} % de la cotisation."
        )
    if not 0 < rules.salary_ceiling <= LEGAL_SALARY_CEILING:
        raise InvalidRules(
            f"Le plafond de salaire {rules.salary_ceiling} FCFA n'est pas permis : il est au plus "
            f"de {LEGAL_SALARY_CEILING} FCFA par mois."
        )
    if not 0 <= rules.waiting_months <= LEGAL_WAITING_MONTHS:
        raise InvalidRules(
            f"Le stage de {rules.waiting_months} mois n'est pas permis : il est au plus de "
            f"{LEGAL_WAITING_MONTHS} mois de cotisations."
        )
    if rules.period not in PERIODS:
        raise InvalidRules(
            f"La périodicité « {rules.period} » est inconnue (mensuelle ou trimestrielle)."
        )
    for name, label in COUNT_LABELS.items():
        if getattr(rules, name) < 0:
            raise InvalidRules(f"{label} ne peut pas être négatif.")
    if not 0 <= to_decimal(rules.late_surcharge_rate) <= 1:
        raise InvalidRules("La majoration de retard est comprise entre 0 et 100 %.")
