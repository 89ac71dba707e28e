"""Validate the rows of a referential file against a schema, row by row, before any write.

Every problem is reported with its row number, its column and a coded reason (a
:class:`~siamo_core.exceptions.Message` the addons translate); a row
with a problem gives no record. Lookups that need a database (known communes, key
letters...) come in as plain dictionaries, so the rules stay testable without one.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter

from .exceptions import InvalidAmount, Message, SiamoError
from .identifiers import parse_nin, parse_ninea, parse_rccm
from .money import parse_fcfa, to_decimal

TRUE_WORDS = {"1", "oui", "o", "vrai", "true", "yes", "x"}
FALSE_WORDS = {"0", "non", "n", "faux", "false", "no"}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")
HEADER_ROW = 1


@lru_cache(maxsize=8192)
def normalize(text):
    """Lower case, no accents, words joined by underscores: how names are compared."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.casefold()).strip("_")


@dataclass(frozen=True)
class Column:
    """One column of a referential file.

    ``kind`` is one of text, integer, amount (whole FCFA, not negative), decimal, date,
    boolean, ninea, rccm, choice (``choices`` maps accepted words to stored values) or
    reference (the value must be a key of ``references[reference]``).
    """

    name: str
    field: str
    kind: str = "text"
    required: bool = False
    choices: dict | None = None
    reference: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Schema:
    name: str
    columns: tuple
    key: tuple  # fields that identify a record: the file may not repeat them

    @property
    def key_column(self):
        """The file column of the first key field, where duplicates are reported."""
        return next(column.name for column in self.columns if column.field == self.key[0])


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: object
    reason: Message  # or a str the caller already wrote in the user's language


@dataclass
class CheckedFile:
    records: list = field(default_factory=list)  # (row number, {field: value})
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def rows_with_errors(self):
        return sorted({error.row for error in self.errors if error.row != HEADER_ROW})


class _CellError(SiamoError):
    """A cell that cannot be read as its column's kind."""


def _integer(value, column, references):
    number = _decimal(value, column, references)
    if number != number.to_integral_value():
        raise _CellError("ROW_NOT_AN_INTEGER", "“%(value)s” is not a whole number.", value=value)
    if number < 0:
        raise _CellError("ROW_NEGATIVE", "“%(value)s” is negative.", value=value)
    return int(number)


def _amount(value, column, references):
    if isinstance(value, str):  # typed by a person: read strictly (250.000 is 250 000)
        try:
            return parse_fcfa(value)
        except InvalidAmount as error:
            if error.code == "AMOUNT_NEGATIVE":
                raise _CellError(
                    "ROW_NEGATIVE_AMOUNT", "The amount %(value)s is negative.", value=value
                ) from error
            if error.code in ("AMOUNT_HAS_COMMA", "AMOUNT_AMBIGUOUS_DOT"):
                raise _CellError(
                    "ROW_AMOUNT_NOT_WHOLE",
                    "The amount %(value)s must be a whole number of FCFA.",
                    value=value,
                ) from error
            raise _CellError(
                "ROW_NOT_AN_AMOUNT", "“%(value)s” is not an amount.", value=value
            ) from error
    try:  # a number cell stays a number
        number = to_decimal(value)
    except InvalidAmount as error:
        raise _CellError(
            "ROW_NOT_AN_AMOUNT", "“%(value)s” is not an amount.", value=value
        ) from error
    if number < 0:
        raise _CellError("ROW_NEGATIVE_AMOUNT", "The amount %(value)s is negative.", value=value)
    if number != number.to_integral_value():
        raise _CellError(
            "ROW_AMOUNT_NOT_WHOLE",
            "The amount %(value)s must be a whole number of FCFA.",
            value=value,
        )
    return int(number)


def _decimal(value, column, references):
    try:
        number = to_decimal(value if not isinstance(value, str) else value.replace(",", "."))
    except InvalidAmount as error:
        raise _CellError("ROW_NOT_A_NUMBER", "“%(value)s” is not a number.", value=value) from error
    if number < 0:
        raise _CellError("ROW_NEGATIVE", "“%(value)s” is negative.", value=value)
    return number


def _date(value, column, references):
    if isinstance(value, date):
        return value
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(str(value), date_format).date()
        except ValueError:
            continue
    raise _CellError(
        "ROW_NOT_A_DATE", "“%(value)s” is not a date in the DD/MM/YYYY form.", value=value
    )


def _boolean(value, column, references):
    word = normalize(value)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _CellError("ROW_NOT_YES_OR_NO", "“%(value)s” is neither yes nor no.", value=value)


def _identifier(parser):
    """An identifier column: the parser's :class:`InvalidIdentifier` is the cell's reason."""

    def parse(value, column, references):
        return parser(str(value))

    return parse


def _choice(value, column, references):
    word = normalize(value)
    if word not in column.choices:
        accepted = ", ".join(sorted(column.choices))
        raise _CellError(
            "ROW_NOT_A_CHOICE",
            "“%(value)s” is not an allowed value (%(accepted)s).",
            value=value,
            accepted=accepted,
        )
    return column.choices[word]


def _reference(value, column, references):
    known = references.get(column.reference, {})
    key = normalize(value)
    if key not in known:
        raise _CellError(
            "ROW_UNKNOWN_REFERENCE",
            "“%(value)s” is not a known value of the column %(column)s.",
            column=column.name,
            value=value,
        )
    return known[key]


PARSERS = {
    "text": str,
    "integer": _integer,
    "amount": _amount,
    "decimal": _decimal,
    "date": _date,
    "boolean": _boolean,
    "nin": _identifier(parse_nin),
    "ninea": _identifier(parse_ninea),
    "rccm": _identifier(parse_rccm),
    "choice": _choice,
    "reference": _reference,
}


def _check_header(schema, header, result):
    positions = {}
    known = {column.name for column in schema.columns}
    for index, title in enumerate(header):
        name = normalize(title)
        if not name:
            continue
        if name not in known:
            expected = ", ".join(column.name for column in schema.columns)
            reason = Message(
                "ROW_UNKNOWN_COLUMN",
                "Unknown column “%(title)s”; expected columns: %(expected)s.",
                title=title,
                expected=expected,
            )
            result.errors.append(RowError(HEADER_ROW, title, title, reason))
        elif name in positions:
            reason = Message("ROW_DUPLICATE_COLUMN", "Column given twice.")
            result.errors.append(RowError(HEADER_ROW, title, title, reason))
        else:
            positions[name] = index
    for column in schema.columns:
        if column.required and column.name not in positions:
            reason = Message("ROW_MISSING_COLUMN", "A required column is missing.")
            result.errors.append(RowError(HEADER_ROW, column.name, None, reason))
    return positions


def _cell_readers(schema, positions):
    """(column, position in the row, parser) for each column, computed once per file."""
    return [(column, positions.get(column.name), PARSERS[column.kind]) for column in schema.columns]


def _check_row(readers, number, cells, references, result):
    record, ok = {}, True
    for column, index, parse in readers:
        value = cells[index] if index is not None and index < len(cells) else None
        if value is None:
            if column.required:
                reason = Message("ROW_REQUIRED_VALUE", "A value is required.")
                result.errors.append(RowError(number, column.name, None, reason))
                ok = False
            continue
        if column.kind == "text":
            record[column.field] = str(value)
            continue
        try:
            parsed = parse(value, column, references)
        except SiamoError as error:  # the cell's own, or the identifier parser's
            result.errors.append(RowError(number, column.name, value, error.message))
            ok = False
            continue
        if column.kind == "ninea":
            if parsed.warning:
                result.warnings.append(RowError(number, column.name, value, parsed.warning))
            parsed = parsed.number
        elif column.kind in ("rccm", "nin"):
            parsed = parsed.number
        record[column.field] = parsed
    return record if ok else None


def check_table(schema, table, references=None):
    """Return the :class:`CheckedFile` of ``table`` against ``schema``."""
    references = references or {}
    result = CheckedFile()
    positions = _check_header(schema, table.header, result)
    if result.errors:
        return result
    first_row_of_key = {}
    readers = _cell_readers(schema, positions)
    key_of = itemgetter(*schema.key)
    for number, cells in table.rows:
        record = _check_row(readers, number, cells, references, result)
        if record is None:
            continue
        key = key_of(record)
        if key in first_row_of_key:
            shown = " / ".join(str(part) for part in key) if len(schema.key) > 1 else str(key)
            reason = Message(
                "ROW_DUPLICATE_KEY",
                "“%(key)s” is already on row %(row)s.",
                key=shown,
                row=first_row_of_key[key],
            )
            result.errors.append(RowError(number, schema.key_column, shown, reason))
            continue
        first_row_of_key[key] = number
        result.records.append((number, record))
    return result


def error_report_rows(result, translate=str):
    """The rows of the error report: row, column, value, reason (``translate`` writes a
    reason in the reader's language; by default in English)."""
    return [
        [
            error.row,
            error.column,
            "" if error.value is None else str(error.value),
            translate(error.reason),
        ]
        for error in sorted(result.errors, key=lambda error: (error.row, error.column))
    ]


ERROR_REPORT_HEADER = ["Row", "Column", "Value", "Reason"]
