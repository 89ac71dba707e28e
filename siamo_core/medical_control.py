"""Which settled care sheets the medical officer reviews before the IPM pays.

A sheet is sampled at random (a share of all sheets, drawn reproducibly from its id), when
its amount is high, when its provider's cost per sheet for an act class stands well above
its peers', and whenever a fraud rule flags it: a line over the tariff, a frequency limit
exceeded, care outside the package, a beneficiary seen by many providers the same day.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .exceptions import InvalidAmount

REASONS = {
    "CTRL-RANDOM": "Tirage aléatoire",
    "CTRL-AMOUNT": "Montant élevé",
    "CTRL-PEER": "Coût par feuille très au-dessus des autres prestataires",
    "CTRL-OVER-TARIFF": "Ligne au-dessus du tarif",
    "CTRL-FREQUENCY": "Fréquence maximale dépassée",
    "CTRL-OUTSIDE": "Soins hors du panier",
    "CTRL-MANY-PROVIDERS": "Bénéficiaire vu par plusieurs prestataires le même jour",
}
# settlement reasons that a fraud rule turns into a control
FLAGGED = {
    "LIQ-OVER-TARIFF": "CTRL-OVER-TARIFF",
    "LIQ-FREQUENCY": "CTRL-FREQUENCY",
    "LIQ-NOT-COVERED": "CTRL-OUTSIDE",
}


@dataclass(frozen=True)
class ControlRules:
    random_rate: Decimal = Decimal("0.05")
    amount_threshold: int | None = 200_000
    peer_deviation: Decimal = Decimal("0.5")  # 50 % above the peers' cost per sheet
    max_providers_per_day: int = 3


@dataclass(frozen=True)
class SettledSheet:
    sheet_id: str
    provider: str
    beneficiary: str
    care_date: object
    act_class: str  # the class of most of its amount
    amount: int
    settlement_reasons: frozenset = frozenset()


def dominant_act_class(lines):
    """The act class of most of a sheet's claimed amount, from its ``(act class, amount)``
    lines: the class whose lines sum the most; of equal sums, the class of the earliest
    line; "" for a sheet without lines. The peer comparison sorts the sheet under it."""
    by_class = {}
    for act_class, amount in lines:
        by_class[act_class] = by_class.get(act_class, 0) + amount
    return max(by_class, key=by_class.get, default="")


def drawn(sheet_id, rate, seed=""):
    """Whether the random sample takes this sheet: the same answer every time it is asked."""
    digest = hashlib.sha256(f"{seed}:{sheet_id}".encode()).digest()
    return Decimal(int.from_bytes(digest[:8], "big")) / Decimal(2**64) < rate


def _expensive_providers(sheets, deviation):
    """(provider, act class) pairs whose cost per sheet exceeds the other providers' by more
    than ``deviation``."""
    totals = defaultdict(lambda: [0, 0])
    for sheet in sheets:
        total = totals[(sheet.provider, sheet.act_class)]
        total[0] += sheet.amount
        total[1] += 1
    by_class = defaultdict(dict)
    for (provider, act_class), (amount, count) in totals.items():
        by_class[act_class][provider] = (amount, count)
    expensive = set()
    for act_class, providers in by_class.items():
        for provider, (amount, count) in providers.items():
            peers = [value for other, value in providers.items() if other != provider]
            peer_count = sum(count for _amount, count in peers)
            if not peer_count:
                continue
            peer_mean = Decimal(sum(amount for amount, _count in peers)) / peer_count
            if Decimal(amount) / count > peer_mean * (1 + deviation):
                expensive.add((provider, act_class))
    return expensive


def control_sample(sheets, rules=ControlRules(), seed=""):
    """``{sheet id: (reason code, ...)}`` for every sheet the medical officer must review."""
    expensive = _expensive_providers(sheets, rules.peer_deviation)
    providers_seen = defaultdict(set)
    for sheet in sheets:
        providers_seen[(sheet.beneficiary, sheet.care_date)].add(sheet.provider)
    sample = {}
    for sheet in sheets:
        reasons = [FLAGGED[code] for code in sorted(sheet.settlement_reasons) if code in FLAGGED]
        if drawn(sheet.sheet_id, rules.random_rate, seed):
            reasons.append("CTRL-RANDOM")
        if rules.amount_threshold is not None and sheet.amount >= rules.amount_threshold:
            reasons.append("CTRL-AMOUNT")
        if (sheet.provider, sheet.act_class) in expensive:
            reasons.append("CTRL-PEER")
        if len(providers_seen[(sheet.beneficiary, sheet.care_date)]) > rules.max_providers_per_day:
            reasons.append("CTRL-MANY-PROVIDERS")
        if reasons:
            sample[sheet.sheet_id] = tuple(reasons)
    return sample


def reduce_shares(shares, target):
    """The line shares once the medical officer brings their total down to ``target``: the
    largest lines give first, each to zero at most, in their order when they are equal."""
    cut = sum(shares) - target
    if cut < 0 or target < 0:
        raise InvalidAmount(
            "AMOUNT_BAD_REDUCTION",
            "A reduction can neither raise the IPM's share nor make it negative.",
            total=sum(shares),
            target=target,
        )
    reduced = list(shares)
    for index in sorted(range(len(shares)), key=lambda i: -shares[i]):
        taken = min(cut, reduced[index])
        reduced[index] -= taken
        cut -= taken
    return reduced
