"""The indicators ICAMO follows for an IPM, a région or the whole AMO, and the alerts they
raise: pure functions over the facts of the returns (:class:`~.returns.Fact`).

Figures of a period add up over its months (contributions, care, costs); figures of a date
(workers, beneficiaries, reserves, cash...) are those of each IPM's latest month in the
period, added up over the IPMs. An indicator whose denominator is nothing is unknown
(None), not zero.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from ..exceptions import Message

# figures of a date, not of a period
STOCKS = frozenset(
    {"companies", "workers", "beneficiaries", "reserves", "cash", "assets", "liabilities"}
)
# what :func:`indicators` reads of a year's figures: the benefits paid
YEAR_MEASURES = ("care_paid",)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")

# each indicator: its unit and which way is better ("up", "down" or None)
INDICATORS = {
    "claims_ratio": ("percent", None),
    "benefit_ratio": ("percent", "up"),
    "collection_rate": ("percent", "up"),
    "management_cost_ratio": ("percent", "down"),
    "reserve_ratio": ("percent", "up"),
    "cash_months": ("months", "up"),
    "cost_per_beneficiary": ("fcfa", None),
    "beneficiaries_per_worker": ("ratio", None),
    "payment_delay_days": ("days", "down"),
    "refusal_rate": ("percent", "down"),
}


def totals(facts_by_ipm_month, region=None):
    """``{measure: value}`` over ``facts_by_ipm_month`` — ``(ipm, month, facts)`` triples,
    one per return taken — for one ``region`` (its facts only) or for all (every fact)."""
    flows = defaultdict(int)
    latest = {}
    for ipm, month, facts in facts_by_ipm_month:
        stocks = defaultdict(int)
        for fact in facts:
            if region is not None and fact.region != region:
                continue
            if fact.measure in STOCKS:
                stocks[fact.measure] += fact.value
            else:
                flows[fact.measure] += fact.value
        if ipm not in latest or month > latest[ipm][0]:
            latest[ipm] = (month, stocks)
    result = dict(flows)
    for _month, stocks in latest.values():
        for measure, value in stocks.items():
            result[measure] = result.get(measure, 0) + value
    return result


def monthly_totals(cells):
    """``{scope: {month: {measure: value}}}`` of the warehouse's ``cells`` — ``(ipm, month,
    region, measure, value)`` rows: each IPM's months (``("ipm", ipm)``), each région's
    (``("region", code)``: the facts of that région) and the nation's (``("national",
    None)``: every fact), the IPMs added up. In one month each IPM has one return, so its
    figures of a date add up as well as those of the period."""
    scopes = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for ipm, month, region, measure, value in cells:
        scopes["ipm", ipm][month][measure] += value
        scopes["national", None][month][measure] += value
        if region:
            scopes["region", region][month][measure] += value
    return scopes


def twelve_months_flows(months_of_scope, month, measures=YEAR_MEASURES):
    """The ``measures`` (figures of a period, by default those :func:`indicators` reads of
    a year) of a scope's twelve months up to ``month`` (its first day), from
    :func:`monthly_totals`' months of that scope."""
    flows = dict.fromkeys(measures, 0)
    for past in months_back(month, 12):
        figures = months_of_scope.get(past)
        if figures:
            for measure in measures:
                flows[measure] += figures.get(measure, 0)
    return flows


@lru_cache(maxsize=4096)
def months_back(month, count):
    """The first days of ``count`` months up to ``month`` (its first day), latest first."""
    months = [month]
    while len(months) < count:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return tuple(months)


def _ratio(numerator, denominator, scale=1, places=CENT):
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(places, ROUND_HALF_UP)


def indicators(figures, year_figures=None):
    """``{indicator: value or None}`` of ``figures`` (:func:`totals` of a period);
    ``year_figures``, the totals (or :func:`twelve_months_flows`) of the twelve months up to
    the period's end, give the reserve ratio and the months of cash (benefits of a year),
    else the period's own. A
    figure the scope does not have (a région has no management costs) gives no indicator."""
    get = figures.get
    year = year_figures if year_figures is not None else figures
    yearly_benefits = year.get("care_paid")
    cash = get("cash")
    return {
        "claims_ratio": _ratio(get("care_settled"), get("contributions_called"), HUNDRED),
        "benefit_ratio": _ratio(get("care_paid"), get("contributions_collected"), HUNDRED),
        "collection_rate": _ratio(
            get("contributions_collected"), get("contributions_called"), HUNDRED
        ),
        "management_cost_ratio": _ratio(
            get("management_costs"), get("contributions_collected"), HUNDRED
        ),
        "reserve_ratio": _ratio(get("reserves"), yearly_benefits, HUNDRED),
        "cash_months": _ratio(None if cash is None else cash * 12, yearly_benefits, places=TENTH),
        "cost_per_beneficiary": _ratio(
            get("care_settled"), get("beneficiaries"), places=Decimal(1)
        ),
        "beneficiaries_per_worker": _ratio(get("beneficiaries"), get("workers")),
        "payment_delay_days": _ratio(get("payment_delay_days"), get("payments"), places=TENTH),
        "refusal_rate": _ratio(get("care_lines_refused"), get("care_lines"), HUNDRED),
    }


@dataclass(frozen=True)
class Norm:
    """A management norm in force: an indicator's ``code``, ``bound`` "max" or "min" and
    its ``value`` in the indicator's unit."""

    code: str
    bound: str
    value: Decimal


def breaches(values, norms):
    """``{indicator: Norm}`` of the norms that ``values`` (:func:`indicators`) break; an
    unknown value breaks none."""
    broken = {}
    for norm in norms:
        value = values.get(norm.code)
        if value is None:
            continue
        if (norm.bound == "max" and value > norm.value) or (
            norm.bound == "min" and value < norm.value
        ):
            broken[norm.code] = norm
    return broken


def norm_alerts(scope, values, norms):
    """The alerts of the norms ``values`` break, for ``scope`` (an IPM's or a région's
    name, or the AMO)."""
    alerts = []
    for code, norm in breaches(values, norms).items():
        if norm.bound == "max":
            alerts.append(
                Message(
                    "ALERT_NORM_ABOVE",
                    "%(scope)s: %(indicator)s is %(value)s, above the norm of %(norm)s.",
                    scope=scope,
                    indicator=code,
                    value=values[code],
                    norm=norm.value,
                )
            )
        else:
            alerts.append(
                Message(
                    "ALERT_NORM_BELOW",
                    "%(scope)s: %(indicator)s is %(value)s, below the norm of %(norm)s.",
                    scope=scope,
                    indicator=code,
                    value=values[code],
                    norm=norm.value,
                )
            )
    return alerts


def return_due_date(month, due_days):
    """The day the return of ``month`` (its first day) is due: ``due_days`` after the
    month's end."""
    next_month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month - timedelta(days=1) + timedelta(days=due_days)


def months_between(first, last):
    """The first days of the months from ``first`` to ``last``, both included."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def late_returns(expected, received, today, due_days):
    """The alerts of the returns not received in time: ``expected`` maps each IPM's code to
    the first month it owes a return for, ``received`` holds the ``(ipm, month)`` pairs
    taken; every month whose due date is before ``today`` is checked."""
    alerts = []
    last = today.replace(day=1) - timedelta(days=1)
    for ipm, first in sorted(expected.items()):
        for month in months_between(first, last):
            due = return_due_date(month, due_days)
            if due < today and (ipm, month) not in received:
                alerts.append(
                    Message(
                        "ALERT_RETURN_LATE",
                        "The return of %(ipm)s for %(period)s is %(days)s day(s) late.",
                        ipm=ipm,
                        period=f"{month.year:04d}-{month.month:02d}",
                        days=(today - due).days,
                    )
                )
    return alerts
