"""The tariff of an act or a medicine for a provider on a care date.

Order of precedence: the price negotiated in the provider's agreement, else the
coefficient of the act times the value of its key letter in force on that date in
the agreement's tariff schedule, else the public price. Key-letter values are
versioned by effective date: a new value never rewrites an older one, and a care
date always finds the value that was in force then.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .exceptions import SiamoError
from .money import fcfa, to_decimal

AGREEMENT = "agreement"
KEY_LETTER = "key_letter"
PUBLIC_PRICE = "public_price"


class NoTariff(SiamoError):
    """No agreement price, key-letter value or public price applies."""


@dataclass(frozen=True)
class KeyLetterValue:
    """The FCFA value of a key letter in a tariff schedule from ``date_from`` on."""

    letter: str
    schedule: str
    value: int
    date_from: date


@dataclass(frozen=True)
class AgreementPrice:
    """A price negotiated between an IPM and a provider, valid on a date range."""

    item_code: str
    price: int
    date_from: date | None = None
    date_to: date | None = None

    def applies_on(self, on_date):
        return (self.date_from is None or self.date_from <= on_date) and (
            self.date_to is None or on_date <= self.date_to
        )


@dataclass(frozen=True)
class Item:
    """An act of the nomenclature or a medicine / device, as the tariff needs it."""

    code: str
    act_class: str
    key_letter: str | None = None
    coefficient: Decimal | None = None
    public_price: int | None = None
    reimbursable: bool = True
    # the AMO benefit the item falls under when its class spans several (gp_consultation,
    # specialist_consultation): the package's line for that benefit wins over the class's
    benefit: str | None = None


class Tariff(NamedTuple):
    amount: int
    source: str


def value_in_force(values, letter, schedule, on_date):
    """Return the :class:`KeyLetterValue` of ``letter`` in force on ``on_date``, or None."""
    candidates = [
        value
        for value in values
        if value.letter == letter and value.schedule == schedule and value.date_from <= on_date
    ]
    return max(candidates, key=lambda value: value.date_from, default=None)


def agreement_price_on(prices, item_code, on_date):
    """Return the agreement price of ``item_code`` on ``on_date``, the latest start winning."""
    candidates = [p for p in prices if p.item_code == item_code and p.applies_on(on_date)]
    return max(candidates, key=lambda p: p.date_from or date.min, default=None)


def tariff(item, on_date, key_letter_values=(), schedule=None, agreement_prices=()):
    """Return the :class:`Tariff` of ``item`` on ``on_date`` or raise :class:`NoTariff`."""
    negotiated = agreement_price_on(agreement_prices, item.code, on_date)
    if negotiated is not None:
        return Tariff(negotiated.price, AGREEMENT)
    if item.key_letter and item.coefficient is not None and schedule:
        in_force = value_in_force(key_letter_values, item.key_letter, schedule, on_date)
        if in_force is not None:
            amount = fcfa(to_decimal(in_force.value) * to_decimal(item.coefficient))
            return Tariff(amount, KEY_LETTER)
    if item.public_price is not None:
        return Tariff(fcfa(item.public_price), PUBLIC_PRICE)
    raise NoTariff(
        "TARIFF_NONE",
        "No tariff for “%(item)s” on %(date)s: no agreement price, no key-letter value in "
        "force, no public price.",
        item=item.code,
        date=on_date,
    )
