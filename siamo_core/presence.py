"""The proof of presence a care sheet carries: the reference of an identity check of its
beneficiary, made by its provider, confirmed, at most 24 hours before the care.

A sheet gives the day of care, not its hour: the check counts when some moment of that day
(in Dakar) is at most 24 hours after it, that is from midnight of the day before the care to
the end of the care day. A check made after the care day proves nothing of it.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from .rejections import Rejection

DAKAR = ZoneInfo("Africa/Dakar")
WINDOW = timedelta(hours=24)
KIND = "identity_check"
# a proof is asked of the sheets the IPM pays to the provider; a participant's reimbursement
# claim needs none (he paid the provider, who checked nobody for the IPM)
PAYEE = "provider"


@dataclass(frozen=True)
class Proof:
    """The identity check a reference names, as the intake found it; ``checked_at`` naive
    UTC (as Odoo stores it) or aware."""

    beneficiary: str
    provider: str
    confirmed: bool
    checked_at: datetime


def _utc(moment):
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def care_window(care_date):
    """``(first, last)`` aware moments between which a check proves presence on
    ``care_date``: the care day in Dakar, and the 24 hours before it."""
    start = datetime.combine(care_date, time.min, tzinfo=DAKAR)
    return start - WINDOW, start + timedelta(days=1)


def proof_reference(document):
    """The identity check's reference a siamo-fse document gives as its proof of presence,
    or None (no proof, or a proof of another kind, which the intake does not verify)."""
    proof = document.get("presence_proof")
    if isinstance(proof, dict) and proof.get("kind") == KIND:
        return proof.get("reference")
    return None


def presence_rejection(proof, beneficiary, provider, care_date, reference=""):
    """Why the :class:`Proof` ``proof`` (None: no check has the reference) does not prove
    that ``beneficiary`` came to ``provider`` on ``care_date``; None when it does."""
    if proof is None:
        return Rejection("FSE-PRESENCE-UNKNOWN", reference)
    if proof.beneficiary != beneficiary or proof.provider != provider:
        return Rejection("FSE-PRESENCE-MISMATCH", reference)
    if not proof.confirmed:
        return Rejection("FSE-PRESENCE-REFUSED", reference)
    first, last = care_window(care_date)
    checked_at = _utc(proof.checked_at)
    if not first <= checked_at < last:
        return Rejection("FSE-PRESENCE-EXPIRED", f"{reference} : {checked_at:%Y-%m-%dT%H:%MZ}")
    return None


def required_classes(payee, classes):
    """The act classes whose lines need a proof of presence on a sheet paid to ``payee``
    ("provider" or "participant"), ``classes`` being those the IPM's rules name."""
    return frozenset(classes) if payee == PAYEE else frozenset()


def presence_missing(line_classes, required, proven):
    """Whether a sheet lacks the proof its lines' act classes require (``required``, from
    :func:`required_classes`)."""
    return not proven and bool(set(line_classes) & set(required))


__all__ = [
    "KIND",
    "PAYEE",
    "Proof",
    "care_window",
    "presence_missing",
    "presence_rejection",
    "proof_reference",
    "required_classes",
]
