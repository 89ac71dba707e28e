"""The individual performance analysis of an IPM (the field report's scorecard): each
indicator beside the reference (the AMO's, or its région's) and the norm, a status, and the
recommendations its supervisor follows up."""

from decimal import Decimal
from typing import NamedTuple

from ..exceptions import Message
from .indicators import INDICATORS, breaches

# worse than the reference by more than this share: to watch
WATCH_MARGIN = Decimal("0.2")

RECOMMENDATIONS = {
    "benefit_ratio": Message(
        "RECO_BENEFIT_RATIO",
        "Benefits are low against contributions: check that the members use their cover "
        "and that the package gives what the rules promise.",
    ),
    "collection_rate": Message(
        "RECO_COLLECTION_RATE",
        "Collect the contributions still due: remind the member companies on schedule and "
        "suspend rights as the rules provide.",
    ),
    "management_cost_ratio": Message(
        "RECO_MANAGEMENT_COST_RATIO",
        "Bring the management costs back under the norm: review staff, premises and "
        "service contracts.",
    ),
    "reserve_ratio": Message(
        "RECO_RESERVE_RATIO",
        "Rebuild the reserves: set part of the surplus aside until the norm is reached.",
    ),
    "cash_months": Message(
        "RECO_CASH_MONTHS",
        "Cash covers too few months of benefits: plan the treasury and collect the arrears.",
    ),
    "payment_delay_days": Message(
        "RECO_PAYMENT_DELAY_DAYS",
        "Pay the care providers sooner: settle and pay the bills every month.",
    ),
    "refusal_rate": Message(
        "RECO_REFUSAL_RATE",
        "Many care lines are refused: explain the package and the agreements to the "
        "providers and check the refusals' reasons.",
    ),
}


class ScoreLine(NamedTuple):
    """One indicator of the scorecard. ``status``: "breach" (a norm is broken), "watch"
    (worse than the reference by more than :data:`WATCH_MARGIN`), "ok", or "unknown".
    A tuple, not a dataclass: a refresh makes tens of thousands."""

    indicator: str
    value: Decimal | None
    reference: Decimal | None
    norm: Decimal | None
    status: str


def _worse(indicator, value, reference):
    direction = INDICATORS[indicator][1]
    if direction is None or reference is None or not reference:
        return False
    if direction == "up":
        return value < reference * (1 - WATCH_MARGIN)
    return value > reference * (1 + WATCH_MARGIN)


def scorecard(values, reference, norms):
    """The :class:`ScoreLine` of every indicator: ``values`` the IPM's
    (:func:`~.indicators.indicators`), ``reference`` those it is compared with, ``norms``
    the management norms in force."""
    broken = breaches(values, norms)
    by_code = {norm.code: norm.value for norm in norms}
    lines = []
    for indicator in INDICATORS:
        value = values.get(indicator)
        if value is None:
            status = "unknown"
        elif indicator in broken:
            status = "breach"
        elif _worse(indicator, value, reference.get(indicator)):
            status = "watch"
        else:
            status = "ok"
        lines.append(
            ScoreLine(indicator, value, reference.get(indicator), by_code.get(indicator), status)
        )
    return tuple(lines)


def recommendations(lines):
    """The recommendations of a scorecard's lines in breach or to watch, breaches first."""
    ranked = sorted(
        (line for line in lines if line.status in ("breach", "watch")),
        key=lambda line: line.status != "breach",
    )
    return [RECOMMENDATIONS[line.indicator] for line in ranked if line.indicator in RECOMMENDATIONS]
