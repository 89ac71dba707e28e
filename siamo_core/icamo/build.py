"""The IPM's own return, built from the plain aggregates its books give (rows of counts and
sums read with SQL, and the balance of each account of its SYSCOHADA chart), in the format
of :mod:`siamo_core.icamo.returns`.

The rows may come in any order and repeat a key (a beneficiary without a commune is counted
in the IPM's own région): the builder adds them up, drops the rows that say nothing, sorts
them, and checks the document as ICAMO will. A beneficiary without a sex or a birth date
cannot be placed in the table: the builder counts them apart, for the IPM to complete.
"""

from dataclasses import dataclass

from .returns import AGE_BANDS, FORMAT, SECTIONS, VERSION, InvalidReturn, return_problems

# Odoo's genders and the format's sexes
SEXES = {"female": "F", "male": "M", "F": "F", "M": "M"}
# the first age of each band, oldest first
_BAND_STARTS = tuple(
    sorted(((int(band.rstrip("+").split("-")[0]), band) for band in AGE_BANDS), reverse=True)
)
# SYSCOHADA revised: the classes and accounts each finance figure adds up
RESERVE_PREFIXES = ("11", "12", "13")  # réserves, report à nouveau, résultat
RESULT_CLASSES = ("6", "7", "8")  # the results of the accounts not yet closed
ASSET_CLASSES = ("2", "3")  # immobilisations and stocks, net of their depreciation
THIRD_PARTY_CLASSES = ("4", "5")  # tiers and trésorerie: an asset or a liability by sign
DEBT_PREFIXES = ("16", "17", "18", "19")  # emprunts, dettes de location, provisions
CASH_CLASS = "5"
INCOME_PREFIXES = ("7", "82", "84", "86", "88")
EXPENSE_PREFIXES = ("6", "81", "83", "85", "87", "89")


@dataclass(frozen=True)
class BuiltReturn:
    """The return document, and how many beneficiaries it could not place."""

    document: dict
    unplaced: int = 0


def age_band(age):
    """The age band of ``age`` in whole years; None when the age is not known."""
    if age is None or age < 0:
        return None
    return next(band for start, band in _BAND_STARTS if age >= start)


def _add_up(section, rows, default_region):
    """The rows of ``section`` from ``(key..., figure...)`` tuples: summed by key, sorted,
    without the rows whose figures are all zero."""
    keys, figures = SECTIONS[section]
    totals = {}
    for row in rows:
        key = list(row[: len(keys)])
        if "region" in keys:
            key[0] = key[0] or default_region
        values = [int(value or 0) for value in row[len(keys) :]]
        known = totals.setdefault(tuple(key), [0] * len(figures))
        totals[tuple(key)] = [a + b for a, b in zip(known, values, strict=True)]
    return [
        {**dict(zip(keys, key, strict=True)), **dict(zip(figures, values, strict=True))}
        for key, values in sorted(totals.items())
        if any(values)
    ]


def beneficiary_rows(counts, default_region):
    """``(rows, unplaced)`` from ``(region, category, gender, age, count)`` tuples: the age
    in its band, the gender as the format's sex."""
    placed, unplaced = [], 0
    for region, category, gender, age, count in counts:
        sex, band = SEXES.get(gender), age_band(age)
        if sex is None or band is None:
            unplaced += count
            continue
        placed.append((region, category, sex, band, count))
    return _add_up("beneficiaries", placed, default_region), unplaced


def _starts(code, prefixes):
    return code.startswith(prefixes)


def finance_figures(balances):
    """The finance figures from ``(account code, balance at the month's end, balance of the
    month)`` tuples, balances in FCFA debit minus credit: reserves and results are credit
    balances, a tiers account is an asset or a liability by its sign. A figure below zero
    (reserves eaten by losses) is given as zero, which the format takes."""
    reserves = cash = assets = liabilities = income = expenses = 0
    for code, to_date, month in balances:
        if _starts(code, RESERVE_PREFIXES) or _starts(code, RESULT_CLASSES):
            reserves -= to_date
        if _starts(code, ASSET_CLASSES):
            assets += to_date
        if _starts(code, THIRD_PARTY_CLASSES):
            assets += max(to_date, 0)
            liabilities += max(-to_date, 0)
        if _starts(code, DEBT_PREFIXES):
            liabilities -= to_date
        if code.startswith(CASH_CLASS):
            cash += to_date
        if _starts(code, INCOME_PREFIXES):
            income -= month
        elif _starts(code, EXPENSE_PREFIXES):
            expenses += month
    figures = (reserves, cash, assets, liabilities, income, expenses)
    names = ("reserves", "cash", "assets", "liabilities", "income", "expenses")
    return {name: max(int(value), 0) for name, value in zip(names, figures, strict=True)}


def management_costs(balances, care_accounts):
    """The month's expenses of class 6 but the care the IPM buys for its members (the codes
    of ``care_accounts``)."""
    total = sum(
        month
        for code, _to_date, month in balances
        if code.startswith("6") and code not in care_accounts
    )
    return max(int(total), 0)


def build_return(
    ipm,
    period,
    *,
    default_region,
    members=(),
    beneficiaries=(),
    contributions=(),
    care=(),
    refusals=(),
    payments=(0, 0),
    balances=(),
    care_accounts=(),
    ipm_name="",
    produced_at=None,
):
    """The :class:`BuiltReturn` of IPM ``ipm`` (its code) for ``period`` (``YYYY-MM``):

    - ``members``: ``(region, companies, workers)``;
    - ``beneficiaries``: ``(region, category, gender, age, count)``;
    - ``contributions``: ``(region, called, collected)``;
    - ``care``: ``(region, act class, sheets, lines, lines refused, claimed, settled, paid)``;
    - ``refusals``: ``(reason, lines, amount)``;
    - ``payments``: ``(bills paid, their total delay in days)``;
    - ``balances``: ``(account code, balance at the month's end, balance of the month)``;
    - ``care_accounts``: the codes of the care expense accounts.

    A region left empty is ``default_region``. :class:`~.returns.InvalidReturn` when the
    figures cannot make a return ICAMO takes (a code the format refuses)."""
    people, unplaced = beneficiary_rows(beneficiaries, default_region)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "ipm": ipm,
        "period": period,
        "members": _add_up("members", members, default_region),
        "beneficiaries": people,
        "contributions": _add_up("contributions", contributions, default_region),
        "care": _add_up("care", care, default_region),
        "refusals": _add_up("refusals", refusals, default_region),
        "payments": {"count": int(payments[0]), "delay_days": int(payments[1])},
        "management_costs": management_costs(balances, set(care_accounts)),
        "finance": finance_figures(balances),
    }
    if ipm_name:
        document["ipm_name"] = ipm_name
    if produced_at:
        document["produced_at"] = produced_at
    problems = return_problems(document)
    if problems:
        raise InvalidReturn(problems)
    return BuiltReturn(document, unplaced)
