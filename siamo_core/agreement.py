"""The agreement (convention) between an IPM and a care provider: when it is in force, and
whether, under it, the IPM advances the participant's co-payment to the provider.

The intake refuses a sheet whose provider has no agreement in force with the IPM on the care
date; the settlement reads the terms of the agreement in force on each sheet's date.
"""

from dataclasses import dataclass
from datetime import date

PROVIDER, PARTICIPANT = "provider", "participant"


@dataclass(frozen=True)
class Agreement:
    """What the rules read of an agreement: its validity and its payment terms.

    ``active`` is the agreement's state ("active", not draft nor terminated); ``date_end``
    None means open-ended. ``direct_payment`` (tiers payant): the IPM pays the provider its
    share; ``advance_copayment``: the IPM also pays the provider the co-payment, then recovers
    it from the participant's employer.
    """

    date_start: date
    date_end: date | None = None
    active: bool = True
    direct_payment: bool = False
    advance_copayment: bool = False


def in_force(agreement, on_date):
    """Whether ``agreement`` applies on ``on_date``: active, started, not ended (both bounds
    included)."""
    return (
        agreement.active
        and agreement.date_start <= on_date
        and (agreement.date_end is None or on_date <= agreement.date_end)
    )


def agreement_on(agreements, on_date):
    """The agreement of ``agreements`` that applies on ``on_date``, or None: of those in force,
    the latest start wins; of equal starts, the first given."""
    best = None
    for agreement in agreements:
        if in_force(agreement, on_date) and (
            best is None or agreement.date_start > best.date_start
        ):
            best = agreement
    return best


def advances_copayment(payee, agreement):
    """Whether the IPM pays the provider the co-payment of a sheet settled for ``payee``
    ("provider" or "participant") under ``agreement`` (None: no agreement in force).

    Only when the IPM pays the provider, under a direct-payment agreement that says so: a
    participant who paid the provider himself is reimbursed, and nothing is advanced.
    """
    return (
        payee == PROVIDER
        and agreement is not None
        and agreement.direct_payment
        and agreement.advance_copayment
    )


def advanced_copayment(copayment, payee, agreement):
    """The part of a settled sheet's ``copayment`` the IPM advances to the provider (and
    later recovers through the employer's deduction statement): all of it or nothing."""
    return copayment if advances_copayment(payee, agreement) else 0
