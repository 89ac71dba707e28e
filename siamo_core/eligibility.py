"""Rights of a beneficiary on a date: cover of the participant, eligibility of a dependent.

Every "no" comes with its reasons, coded (:class:`~siamo_core.exceptions.Message`): the addons
write them in the language of the IPM staff or the provider who reads them.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from .exceptions import Message

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
        """The reasons in English, for logs and developers."""
        return "; ".join(str(reason) for reason in self.reasons)


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
        return [Message("RIGHTS_LEFT", "left the IPM on %(date)s", date=cover.left_on)]
    if cover.start is None or on_date < cover.start:
        if cover.start is None:
            return [
                Message(
                    "RIGHTS_NO_CONTRIBUTION",
                    "no contribution received: the waiting period has not started",
                )
            ]
        return [
            Message(
                "RIGHTS_WAITING",
                "in the waiting period until %(date)s",
                date=cover.start - timedelta(days=1),
            )
        ]
    if cover.suspended_since and cover.suspended_since <= on_date:
        return [
            Message(
                "RIGHTS_SUSPENDED",
                "rights suspended for unpaid contributions since %(date)s",
                date=cover.suspended_since,
            )
        ]
    return []


def _child_reasons(member, rules, on_date):
    if member.birthdate is None:
        return [Message("RIGHTS_NO_BIRTHDATE", "birth date unknown")]
    if member.birthdate > on_date:
        return [Message("RIGHTS_NOT_BORN", "not yet born on the care date")]
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
        return [
            Message(
                "RIGHTS_STUDENT_TOO_OLD",
                "child aged %(age)s: over %(limit)s, even as a student",
                age=age,
                limit=rules.student_age_limit,
            )
        ]
    if apprentice:
        return [
            Message(
                "RIGHTS_APPRENTICE_TOO_OLD",
                "child aged %(age)s: over %(limit)s, even as an apprentice",
                age=age,
                limit=rules.apprentice_age_limit,
            )
        ]
    return [
        Message(
            "RIGHTS_CHILD_NO_CERTIFICATE",
            "child aged %(age)s without a valid school certificate",
            age=age,
        )
    ]


def eligibility(member, cover, rules, on_date):
    """Whether ``member`` has rights on ``on_date``, and why not when he has none."""
    reasons = _cover_reasons(cover, on_date)
    if member.relationship == CHILD:
        reasons += _child_reasons(member, rules, on_date)
    elif member.relationship == SPOUSE and member.spouse_rank > rules.max_spouses:
        reasons.append(
            Message(
                "RIGHTS_TOO_MANY_SPOUSES",
                "spouse beyond the %(limit)s covered spouses",
                limit=rules.max_spouses,
            )
        )
    return Eligibility(eligible=not reasons, reasons=tuple(reasons))
