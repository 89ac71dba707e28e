"""Rights of a beneficiary on a date: cover of the participant, eligibility of a dependent.

Every "no" comes with its reasons in French, as the IPM staff and the provider read them.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

PARTICIPANT, SPOUSE, CHILD = "participant", "spouse", "child"


@dataclass(frozen=True)
class Member:
    relationship: str
    birthdate: date | None = None
    student_until: date | None = None  # last day of validity of the school certificate
    apprentice_until: date | None = None  # likewise for an apprenticeship contract
    disabled: bool = False
    spouse_rank: int = 1


@dataclass(frozen=True)
class Cover:
    """The participant's cover, which his dependents share."""

    start: date | None  # first covered day, once the waiting period is over
    left_on: date | None = None
    suspended_since: date | None = None


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: tuple = field(default_factory=tuple)

    @property
    def explanation(self):
        return " ; ".join(self.reasons)


def _fr(day):
    return f"{day:%d/%m/%Y}"


def age_on(birthdate, on_date):
    """Age in whole years on ``on_date`` (a person born on 29 February ages on 1 March)."""
    years = on_date.year - birthdate.year
    return years - ((on_date.month, on_date.day) < (birthdate.month, birthdate.day))


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, 1)


def cover_start(first_contribution_month, rules):
    """First covered day: the 1st of the month after ``waiting_months`` months of contributions."""
    return add_months(first_contribution_month.replace(day=1), rules.waiting_months)


def suspended_since(dues, rules, on_date):
    """The day rights were suspended, if they are on ``on_date``, else None.

    ``dues`` are ``(due_date, paid_on)`` pairs, ``paid_on`` None while unpaid. Rights fall
    ``grace_days`` after a due date left unpaid, and come back the day it is paid.
    """
    grace = timedelta(days=rules.grace_days)
    falls = [
        due + grace
        for due, paid_on in dues
        if due + grace <= on_date and (paid_on is None or paid_on > on_date)
    ]
    return min(falls, default=None)


def _cover_reasons(cover, on_date):
    if cover.left_on and cover.left_on <= on_date:
        return [f"a quitté l'IPM le {_fr(cover.left_on)}"]
    if cover.start is None or on_date < cover.start:
        if cover.start is None:
            return ["aucune cotisation reçue : la période de stage n'a pas commencé"]
        return [f"en période de stage jusqu'au {_fr(cover.start - timedelta(days=1))}"]
    if cover.suspended_since and cover.suspended_since <= on_date:
        return [
            f"droits suspendus pour cotisations impayées depuis le {_fr(cover.suspended_since)}"
        ]
    return []


def _child_reasons(member, rules, on_date):
    if member.birthdate is None:
        return ["date de naissance inconnue"]
    if member.birthdate > on_date:
        return ["pas encore né à la date des soins"]
    age = age_on(member.birthdate, on_date)
    if age < rules.child_age_limit or (member.disabled and rules.disabled_child_covered):
        return []
    student = member.student_until is not None and on_date <= member.student_until
    apprentice = member.apprentice_until is not None and on_date <= member.apprentice_until
    if student and age < rules.student_age_limit:
        return []
    if apprentice and age < rules.apprentice_age_limit:
        return []
    if student:
        return [f"enfant de {age} ans : au-delà de {rules.student_age_limit} ans, même étudiant"]
    if apprentice:
        return [f"enfant de {age} ans : au-delà de {rules.apprentice_age_limit} ans, même apprenti"]
    return [f"enfant de {age} ans sans certificat de scolarité valide"]


def eligibility(member, cover, rules, on_date):
    """Whether ``member`` has rights on ``on_date``, and why not when he has none."""
    reasons = _cover_reasons(cover, on_date)
    if member.relationship == CHILD:
        reasons += _child_reasons(member, rules, on_date)
    elif member.relationship == SPOUSE and member.spouse_rank > rules.max_spouses:
        reasons.append(f"conjoint au-delà des {rules.max_spouses} conjoints couverts")
    return Eligibility(eligible=not reasons, reasons=tuple(reasons))
