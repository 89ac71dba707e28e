"""The IPM return as a spreadsheet, for an IPM without software: the sheets of the template
(French headers, the format's own words), and the reading of a filled workbook into a
``siamo-ipm-return`` document (:mod:`siamo_core.icamo.returns`).

Every problem of the file is reported at once, where it is (sheet, row, column), as coded
:class:`~siamo_core.exceptions.Message` the addons translate; a file with any problem gives
no document, so nothing of it is ever taken half.
"""

import copy
import re
from dataclasses import dataclass

from ..exceptions import Message
from ..rows import Column, Schema, check_table, normalize
from ..spreadsheet import Table
from .returns import AGE_BANDS, FINANCE, FORMAT, VERSION, return_problems

FIGURES_ROW = 2  # the row of a one-row sheet (identification, management)

CATEGORY_WORDS = {
    "participant": "participant",
    "travailleur": "participant",
    "conjoint": "spouse",
    "conjointe": "spouse",
    "enfant": "child",
}
SEX_WORDS = {
    "f": "F",
    "femme": "F",
    "feminin": "F",
    "m": "M",
    "h": "M",
    "homme": "M",
    "masculin": "M",
}
AGE_BAND_WORDS = {normalize(band): band for band in AGE_BANDS}
# the values the template offers in its drop-down lists
CATEGORY_CHOICES = ("participant", "conjoint", "enfant")
SEX_CHOICES = ("F", "M")


def _column(header, field, kind="integer", required=True, **options):
    return Column(normalize(header), field, kind, required=required, label=header, **options)


def _region():
    return _column("Région", "region", "reference", reference="region")


@dataclass(frozen=True)
class Sheet:
    """A sheet of the template: ``section`` is the list of the return it fills, or None for
    a one-row sheet whose columns' fields are paths of the return (``payments.count``)."""

    title: str
    schema: Schema
    section: str | None = None

    @property
    def headers(self):
        return [column.label for column in self.schema.columns]

    def label(self, field_or_name):
        """The header of a column known by its field or its normalized name."""
        return next(
            (
                column.label
                for column in self.schema.columns
                if field_or_name in (column.field, column.name)
            ),
            field_or_name,
        )


def _sheet(title, section, key, *columns):
    return Sheet(title, Schema(name=title, columns=columns, key=key), section)


IDENTIFICATION = _sheet(
    "Identification",
    None,
    ("ipm",),
    _column("Code IPM", "ipm", "text"),
    _column("Nom de l'IPM", "ipm_name", "text", required=False),
    _column("Période (AAAA-MM)", "period", "text"),
)
MANAGEMENT = _sheet(
    "Gestion",
    None,
    ("management_costs",),
    _column("Paiements aux prestataires", "payments.count"),
    _column("Jours de délai cumulés", "payments.delay_days"),
    _column("Frais de gestion (FCFA)", "management_costs", "amount"),
    _column("Réserves (FCFA)", "finance.reserves", "amount", required=False),
    _column("Trésorerie (FCFA)", "finance.cash", "amount", required=False),
    _column("Actif (FCFA)", "finance.assets", "amount", required=False),
    _column("Passif (FCFA)", "finance.liabilities", "amount", required=False),
    _column("Produits (FCFA)", "finance.income", "amount", required=False),
    _column("Charges (FCFA)", "finance.expenses", "amount", required=False),
)
SHEETS = (
    IDENTIFICATION,
    _sheet(
        "Adhérents",
        "members",
        ("region",),
        _region(),
        _column("Entreprises adhérentes", "companies"),
        _column("Travailleurs", "workers"),
    ),
    _sheet(
        "Bénéficiaires",
        "beneficiaries",
        ("region", "category", "sex", "age_band"),
        _region(),
        _column("Catégorie", "category", "choice", choices=CATEGORY_WORDS),
        _column("Sexe", "sex", "choice", choices=SEX_WORDS),
        _column("Tranche d'âge", "age_band", "choice", choices=AGE_BAND_WORDS),
        _column("Nombre", "count"),
    ),
    _sheet(
        "Cotisations",
        "contributions",
        ("region",),
        _region(),
        _column("Appelées (FCFA)", "called", "amount"),
        _column("Encaissées (FCFA)", "collected", "amount"),
    ),
    _sheet(
        "Soins",
        "care",
        ("region", "act_class"),
        _region(),
        _column("Classe d'actes", "act_class", "reference", reference="act_class"),
        _column("Feuilles de soins", "sheets"),
        _column("Lignes", "lines"),
        _column("Lignes refusées", "lines_refused"),
        _column("Réclamé (FCFA)", "claimed", "amount"),
        _column("Liquidé (FCFA)", "settled", "amount"),
        _column("Payé (FCFA)", "paid", "amount"),
    ),
    _sheet(
        "Refus",
        "refusals",
        ("reason",),
        _column("Motif (code)", "reason", "text"),
        _column("Lignes", "lines"),
        _column("Montant (FCFA)", "amount", "amount"),
    ),
    MANAGEMENT,
)
# the column a row-level problem of the return is about, when its path names only the row
_PROBLEM_COLUMNS = {
    "RETURN_MORE_REFUSED_THAN_LINES": "lines_refused",
    "RETURN_SETTLED_OVER_CLAIMED": "settled",
}
_PATH = re.compile(r"(?P<name>\w+)(?:\[(?P<index>\d+)\])?(?:\.(?P<field>\w+))?")
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])(?:-[0-9]{2})?|(0?[1-9]|1[0-2])/([0-9]{4})")


@dataclass(frozen=True)
class SheetError:
    """A problem of the file: where it is (``row`` None for the whole sheet) and why."""

    sheet: str
    row: int | None
    column: str
    value: object
    reason: Message


@dataclass(frozen=True)
class ReadReturn:
    """The return document of a workbook, or None with every problem of the file."""

    document: dict | None
    errors: tuple


def references(regions, act_classes):
    """The lookups of the reference columns: ``regions`` and ``act_classes`` map each code to
    its name; a cell may give either."""

    def lookup(names):
        found = {normalize(name): code for code, name in names.items()}
        found.update({normalize(code): code for code in names})
        return found

    return {"region": lookup(regions), "act_class": lookup(act_classes)}


def _find_table(tables, title):
    wanted = normalize(title)
    return next((table for name, table in tables.items() if normalize(name) == wanted), _MISSING)


_MISSING = object()


def _sheet_errors(sheet, table, refs):
    """(records, errors) of one sheet."""
    if table is _MISSING:
        reason = Message(
            "RETURN_SHEET_MISSING",
            "The sheet “%(sheet)s” is missing: start again from the template.",
            sheet=sheet.title,
        )
        return [], [SheetError(sheet.title, None, "", None, reason)]
    checked = check_table(sheet.schema, table or Table(header=[], rows=[]), refs)
    errors = [
        SheetError(
            sheet.title, error.row, sheet.label(error.column), error.value, _labelled(sheet, error)
        )
        for error in checked.errors
    ]
    if sheet.section is None and not errors:
        errors += _one_row_errors(sheet, checked.records)
    return checked.records, errors


def _with_params(message, **params):
    """``message`` (the same code and sentence) with some of its parameters changed."""
    changed = copy.copy(message)
    changed.params = {**message.params, **params}
    return changed


def _labelled(sheet, error):
    """The reason of a cell, naming its column by the header the person reads."""
    reason = error.reason
    if "column" not in reason.params:
        return reason
    return _with_params(reason, column=sheet.label(reason.params["column"]))


def _one_row_errors(sheet, records):
    if not records:
        reason = Message(
            "RETURN_SHEET_NO_ROW", "This sheet's figures are to be written on its row 2."
        )
        return [SheetError(sheet.title, FIGURES_ROW, "", None, reason)]
    return [
        SheetError(
            sheet.title,
            number,
            "",
            None,
            Message(
                "RETURN_SHEET_EXTRA_ROW",
                "This sheet has one row of figures, row 2: this row is one too many.",
            ),
        )
        for number, _record in records[1:]
    ]


def _month(value):
    """``2026-10`` of a month typed 2026-10, 10/2026 or as a date; None if it is none."""
    match = _MONTH.fullmatch(str(value).strip())
    if not match:
        return None
    year, month = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
    return f"{int(year):04d}-{int(month):02d}"


def _identification_errors(record, number):
    period = record.get("period")
    if period is None or _month(period):
        return []
    reason = Message(
        "RETURN_SHEET_BAD_PERIOD",
        "“%(value)s” is not a month: write it as year-month, such as 2026-10.",
        value=period,
    )
    label = IDENTIFICATION.label("period")
    return [SheetError(IDENTIFICATION.title, number, label, period, reason)]


def _management_errors(record, number):
    """The balance-sheet figures are all given, or none."""
    columns = MANAGEMENT.schema.columns
    finance = [column for column in columns if column.field.startswith("finance.")]
    given = [column for column in finance if column.field in record]
    if not given:
        return []
    return [
        SheetError(
            MANAGEMENT.title,
            number,
            column.label,
            None,
            Message("ROW_REQUIRED_VALUE", "A value is required."),
        )
        for column in finance
        if column.field not in record
    ]


def _document(found):
    ((_number, ident),) = found[IDENTIFICATION.title]
    ((_number, management),) = found[MANAGEMENT.title]
    document = {"format": FORMAT, "version": VERSION, "ipm": ident["ipm"]}
    if ident.get("ipm_name"):
        document["ipm_name"] = ident["ipm_name"]
    document["period"] = _month(ident["period"])
    for sheet in SHEETS:
        if sheet.section:
            document[sheet.section] = [record for _number, record in found[sheet.title]]
    document["payments"] = {
        "count": management["payments.count"],
        "delay_days": management["payments.delay_days"],
    }
    document["management_costs"] = management["management_costs"]
    finance = {name: management.get(f"finance.{name}") for name in FINANCE}
    if finance["reserves"] is not None:
        document["finance"] = finance
    return document


def _located(problem, found):
    """The :class:`SheetError` of a problem of the built document, at its cell."""
    match = _PATH.fullmatch(problem.params["path"])
    name, index, field = match.group("name", "index", "field")
    sheet = next((sheet for sheet in SHEETS if sheet.section == name), None)
    if sheet is None:  # a figure of a one-row sheet: ipm, period, payments.count...
        path = f"{name}.{field}" if field else name
        sheet = IDENTIFICATION if path in ("ipm", "ipm_name", "period") else MANAGEMENT
        row, field = FIGURES_ROW, path
    else:
        row = found[sheet.title][int(index) - 1][0]
        field = field or _PROBLEM_COLUMNS[problem.code]
    label = sheet.label(field)
    reason = _with_params(problem, path=label)
    return SheetError(sheet.title, row, label, problem.params.get("value"), reason)


def _sorted(errors):
    """In the file's order: sheet by sheet, row by row, column by column."""
    sheets = {sheet.title: (position, sheet.headers) for position, sheet in enumerate(SHEETS)}

    def where(error):
        position, headers = sheets[error.sheet]
        column = headers.index(error.column) if error.column in headers else -1
        return position, error.row or 0, column

    return tuple(sorted(errors, key=where))


def read_return(tables, regions, act_classes):
    """The :class:`ReadReturn` of a filled template: ``tables`` maps each sheet's name to
    its :class:`~siamo_core.spreadsheet.Table` (None for an empty sheet), ``regions`` and
    ``act_classes`` map the known codes to their names."""
    refs = references(regions, act_classes)
    found, errors = {}, []
    for sheet in SHEETS:
        table = _find_table(tables, sheet.title)
        found[sheet.title], sheet_errors = _sheet_errors(sheet, table, refs)
        errors += sheet_errors
    for number, record in found[IDENTIFICATION.title][:1]:
        errors += _identification_errors(record, number)
    for number, record in found[MANAGEMENT.title][:1]:
        errors += _management_errors(record, number)
    if errors:
        return ReadReturn(None, _sorted(errors))
    document = _document(found)
    problems = [_located(problem, found) for problem in return_problems(document)]
    if problems:
        return ReadReturn(None, _sorted(problems))
    return ReadReturn(document, ())
