"""The IPM return (état périodique): what an IPM sends ICAMO for a month, format
``siamo-ipm-return`` version 1.0, a JSON document with a published JSON Schema (:data:`SCHEMA`).

:func:`parse_return` checks a decoded document and gives an :class:`IpmReturn`, whose
:attr:`~IpmReturn.facts` are the rows ICAMO's warehouse keeps (a measure, its value and its
dimensions: région, category, sex, age band). Every problem of a document is reported at
once, with where it is, as coded :class:`~siamo_core.exceptions.Message` the addons
translate: an IPM that filled a spreadsheet mends them all in one go.
"""

import re
from dataclasses import dataclass
from datetime import date

from ..exceptions import Message, SiamoError

FORMAT = "siamo-ipm-return"
VERSION = "1.0"
CATEGORIES = ("participant", "spouse", "child")
SEXES = ("F", "M")
AGE_BANDS = ("0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65+")
FINANCE = ("reserves", "cash", "assets", "liabilities", "income", "expenses")
# ten thousand billion FCFA: more than any IPM's books
MAX_AMOUNT = 10**13
MAX_COUNT = 10**9

_PERIOD = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
_REGION = re.compile(r"SN-[A-Z]{2}")
_CODE = re.compile(r"[A-Za-z0-9._-]{1,32}")

# the rows of each list section: their key columns, then their figures (count or amount)
SECTIONS = {
    "members": (("region",), {"companies": "count", "workers": "count"}),
    "beneficiaries": (("region", "category", "sex", "age_band"), {"count": "count"}),
    "contributions": (("region",), {"called": "amount", "collected": "amount"}),
    "care": (
        ("region", "act_class"),
        {
            "sheets": "count",
            "lines": "count",
            "lines_refused": "count",
            "claimed": "amount",
            "settled": "amount",
            "paid": "amount",
        },
    ),
    "refusals": (("reason",), {"lines": "count", "amount": "amount"}),
}
# what a row's section and figure are called in the warehouse
_MEASURES = {
    ("members", "companies"): "companies",
    ("members", "workers"): "workers",
    ("beneficiaries", "count"): "beneficiaries",
    ("contributions", "called"): "contributions_called",
    ("contributions", "collected"): "contributions_collected",
    ("care", "sheets"): "care_sheets",
    ("care", "lines"): "care_lines",
    ("care", "lines_refused"): "care_lines_refused",
    ("care", "claimed"): "care_claimed",
    ("care", "settled"): "care_settled",
    ("care", "paid"): "care_paid",
    ("refusals", "lines"): "refused_lines",
    ("refusals", "amount"): "refused_amount",
}
# every measure of the warehouse
MEASURES = (
    *_MEASURES.values(),
    "payments",
    "payment_delay_days",
    "management_costs",
    *FINANCE,
)
# the key column a fact keeps as its category
_CATEGORY_KEYS = ("category", "act_class", "reason")
REQUIRED = ("format", "version", "ipm", "period", *SECTIONS, "payments", "management_costs")
OPTIONAL = ("ipm_name", "produced_at", "finance")


@dataclass(frozen=True)
class Fact:
    """One figure of a return as the warehouse keeps it. ``category`` is the beneficiary
    category, the act class or the refusal reason, as the measure goes."""

    measure: str
    value: int
    region: str = ""
    category: str = ""
    sex: str = ""
    age_band: str = ""


@dataclass(frozen=True)
class IpmReturn:
    ipm: str
    period: date
    facts: tuple
    ipm_name: str = ""
    version: str = VERSION


class InvalidReturn(SiamoError):
    """A return that cannot be taken: ``problems`` lists every reason, with where it is."""

    def __init__(self, problems):
        super().__init__(
            "RETURN_INVALID", "The return has %(count)s problem(s).", count=len(problems)
        )
        self.problems = tuple(problems)


def _is_whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _check_figure(value, kind, path):
    """The problem of a figure (a count or an amount in FCFA), or None."""
    maximum = MAX_COUNT if kind == "count" else MAX_AMOUNT
    if _is_whole(value) and 0 <= value <= maximum:
        return None
    if kind == "count":
        return Message(
            "RETURN_NOT_A_COUNT",
            "%(path)s: “%(value)s” is not a number of 0 or more.",
            path=path,
            value=value,
        )
    return Message(
        "RETURN_NOT_AN_AMOUNT",
        "%(path)s: “%(value)s” is not an amount in whole FCFA of 0 or more.",
        path=path,
        value=value,
    )


def _check_key(name, value, path):
    """The problem of a row's key column, or None."""
    choices = {"category": CATEGORIES, "sex": SEXES, "age_band": AGE_BANDS}.get(name)
    if choices is not None:
        if value in choices:
            return None
        return Message(
            "RETURN_BAD_CHOICE",
            "%(path)s: “%(value)s” is not one of %(choices)s.",
            path=path,
            value=value,
            choices=choices,
        )
    pattern = _REGION if name == "region" else _CODE
    if isinstance(value, str) and pattern.fullmatch(value):
        return None
    if name == "region":
        return Message(
            "RETURN_BAD_REGION",
            "%(path)s: “%(value)s” is not a region code such as SN-DK.",
            path=path,
            value=value,
        )
    return Message(
        "RETURN_BAD_CODE",
        "%(path)s: “%(value)s” is not a code (letters, digits, dot, dash; 32 at most).",
        path=path,
        value=value,
    )


def _check_fields(document, required, optional, path):
    problems = [
        Message("RETURN_FIELD_MISSING", "%(path)s is missing.", path=f"{path}{name}")
        for name in required
        if name not in document
    ]
    problems += [
        Message(
            "RETURN_FIELD_UNKNOWN", "%(path)s is not a field of the return.", path=f"{path}{name}"
        )
        for name in document
        if name not in required and name not in optional
    ]
    return problems


def _check_row(section, index, row):
    keys, figures = SECTIONS[section]
    path = f"{section}[{index + 1}]"
    if not isinstance(row, dict):
        return [Message("RETURN_NOT_AN_OBJECT", "%(path)s is not an object.", path=path)]
    problems = _check_fields(row, (*keys, *figures), (), f"{path}.")
    for name in keys:
        if name in row:
            problems.append(_check_key(name, row[name], f"{path}.{name}"))
    for name, kind in figures.items():
        if name in row:
            problems.append(_check_figure(row[name], kind, f"{path}.{name}"))
    problems = [problem for problem in problems if problem]
    if not problems:
        problems += _row_consistency(section, row, path)
    return problems


def _row_consistency(section, row, path):
    """What the figures of one row cannot say together."""
    problems = []
    if section == "care" and row["lines_refused"] > row["lines"]:
        problems.append(
            Message(
                "RETURN_MORE_REFUSED_THAN_LINES",
                "%(path)s: %(refused)s lines refused out of %(lines)s.",
                path=path,
                refused=row["lines_refused"],
                lines=row["lines"],
            )
        )
    if section == "care" and row["settled"] > row["claimed"]:
        problems.append(
            Message(
                "RETURN_SETTLED_OVER_CLAIMED",
                "%(path)s: %(settled)s FCFA settled for %(claimed)s FCFA claimed.",
                path=path,
                settled=row["settled"],
                claimed=row["claimed"],
            )
        )
    return problems


def _check_section(document, section):
    rows = document[section]
    if not isinstance(rows, list):
        return [Message("RETURN_NOT_A_LIST", "%(path)s is not a list of rows.", path=section)]
    problems, seen = [], {}
    keys = SECTIONS[section][0]
    for index, row in enumerate(rows):
        row_problems = _check_row(section, index, row)
        problems += row_problems
        if row_problems:
            continue
        key = tuple(row[name] for name in keys)
        if key in seen:
            problems.append(
                Message(
                    "RETURN_DUPLICATE_ROW",
                    "%(path)s repeats row %(first)s.",
                    path=f"{section}[{index + 1}]",
                    first=seen[key],
                )
            )
        seen.setdefault(key, index + 1)
    return problems


def _check_object(document, name, figures):
    value = document.get(name)
    if not isinstance(value, dict):
        return [Message("RETURN_NOT_AN_OBJECT", "%(path)s is not an object.", path=name)]
    problems = _check_fields(value, figures, (), f"{name}.")
    problems += [
        _check_figure(value[figure], kind, f"{name}.{figure}")
        for figure, kind in figures.items()
        if figure in value
    ]
    return [problem for problem in problems if problem]


def _check_header(document):
    problems = []
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        problems.append(
            Message(
                "RETURN_UNKNOWN_FORMAT",
                "%(path)s: this is not a %(format)s return of version %(version)s.",
                path="format",
                format=FORMAT,
                version=VERSION,
            )
        )
    if "ipm" in document:
        problems.append(_check_key("ipm", document["ipm"], "ipm"))
    period = document.get("period")
    if "period" in document and not (isinstance(period, str) and _PERIOD.fullmatch(period)):
        problems.append(
            Message(
                "RETURN_BAD_PERIOD",
                "%(path)s: “%(value)s” is not a month written YYYY-MM.",
                path="period",
                value=period,
            )
        )
    return [problem for problem in problems if problem]


def return_problems(document):
    """Every problem of a decoded return document, as coded messages with their ``path``;
    an empty list when it can be taken."""
    if not isinstance(document, dict):
        return [Message("RETURN_NOT_AN_OBJECT", "%(path)s is not an object.", path="(return)")]
    problems = _check_fields(document, REQUIRED, OPTIONAL, "")
    problems += _check_header(document)
    for section in SECTIONS:
        if section in document:
            problems += _check_section(document, section)
    if "payments" in document:
        payments = {"count": "count", "delay_days": "count"}
        problems += _check_object(document, "payments", payments)
    if "management_costs" in document:
        problems.append(_check_figure(document["management_costs"], "amount", "management_costs"))
    if "finance" in document:
        problems += _check_object(document, "finance", dict.fromkeys(FINANCE, "amount"))
    return [problem for problem in problems if problem]


def parse_return(document):
    """The :class:`IpmReturn` of a decoded return document; :class:`InvalidReturn` with
    every problem when it cannot be taken."""
    problems = return_problems(document)
    if problems:
        raise InvalidReturn(problems)
    year, month = _PERIOD.fullmatch(document["period"]).groups()
    return IpmReturn(
        ipm=document["ipm"],
        ipm_name=document.get("ipm_name", ""),
        period=date(int(year), int(month), 1),
        facts=tuple(_facts(document)),
    )


def _facts(document):
    for section, (keys, figures) in SECTIONS.items():
        for row in document[section]:
            dimensions = {
                "region": row.get("region", ""),
                "category": next((row[key] for key in _CATEGORY_KEYS if key in keys), ""),
                "sex": row.get("sex", ""),
                "age_band": row.get("age_band", ""),
            }
            for figure in figures:
                yield Fact(_MEASURES[section, figure], row[figure], **dimensions)
    payments = document["payments"]
    yield Fact("payments", payments["count"])
    yield Fact("payment_delay_days", payments["delay_days"])
    yield Fact("management_costs", document["management_costs"])
    for name, value in document.get("finance", {}).items():
        yield Fact(name, value)


def period_text(period):
    """``2026-10`` for the month of ``period``."""
    return f"{period.year:04d}-{period.month:02d}"
