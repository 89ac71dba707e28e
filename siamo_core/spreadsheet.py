"""Read the first sheet of an .xlsx, .xls or .csv file into plain rows, and write reports.

Cells come out as ``str``, ``int``, ``Decimal``, ``date`` or ``None``, so that the row
validation never sees a binary float.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import xlrd

from .exceptions import SiamoError

CSV_DELIMITERS = ",;\t"


class UnreadableFile(SiamoError):
    """The file is not a spreadsheet this module can read."""


@dataclass(frozen=True)
class Table:
    header: list
    rows: list  # list of (row_number, [cells]); row numbers as the spreadsheet shows them


def _number(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        decimal = Decimal(repr(value))
        return int(decimal) if decimal == decimal.to_integral_value() else decimal
    return value


def _cell(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return _number(value)


def _table(lines):
    lines = iter(lines)
    header = next(lines, None)
    if not header or not any(header):
        raise UnreadableFile(
            "FILE_EMPTY", "The file is empty: its first row must name the columns."
        )
    rows = [
        (number, cells)
        for number, cells in enumerate(lines, start=2)
        if cells.count(None) != len(cells)
    ]
    return Table(header=[str(cell or "").strip() for cell in header], rows=rows)


def _read_csv(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return _table([value.strip() or None for value in line] for line in reader)


def _xls_book(content):
    try:
        return xlrd.open_workbook(file_contents=content)
    except xlrd.XLRDError as error:
        raise UnreadableFile(
            "FILE_BAD_XLS", "The .xls file cannot be read (%(detail)s).", detail=str(error)
        ) from error


def _xls_lines(book, sheet):
    def value(cell):
        if cell.ctype == xlrd.XL_CELL_DATE:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).date()
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return bool(cell.value)
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        return _cell(cell.value)

    return ([value(cell) for cell in sheet.row(index)] for index in range(sheet.nrows))


def _read_xls(content):
    book = _xls_book(content)
    return _table(_xls_lines(book, book.sheet_by_index(0)))


def _xlsx_book(content):
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError, InvalidFileException...
        raise UnreadableFile(
            "FILE_BAD_XLSX", "The .xlsx file cannot be read (%(detail)s).", detail=str(error)
        ) from error


def _xlsx_lines(sheet):
    return ([_cell(value) for value in row] for row in sheet.iter_rows(values_only=True))


def _read_xlsx(content):
    return _table(_xlsx_lines(_xlsx_book(content).worksheets[0]))


READERS = {"csv": _read_csv, "xls": _read_xls, "xlsx": _read_xlsx}


def read_table(filename, content):
    """Return the :class:`Table` of the first sheet of ``filename`` given its bytes."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in READERS:
        raise UnreadableFile(
            "FILE_BAD_EXTENSION",
            "“%(filename)s” is not an .xlsx, .xls or .csv file: it cannot be read.",
            filename=filename,
        )
    return READERS[extension](content)


def _lines_or_none(lines):
    """The sheet's lines as a :class:`Table`, or None when it is empty."""
    try:
        return _table(lines)
    except UnreadableFile:
        return None


def read_workbook(filename, content):
    """``{sheet name: Table or None}`` of every sheet of an .xlsx or .xls workbook, for
    files that have several (None for an empty sheet)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xlsx":
        book = _xlsx_book(content)
        return {sheet.title: _lines_or_none(_xlsx_lines(sheet)) for sheet in book.worksheets}
    if extension == "xls":
        book = _xls_book(content)
        return {sheet.name: _lines_or_none(_xls_lines(book, sheet)) for sheet in book.sheets()}
    raise UnreadableFile(
        "FILE_NOT_A_WORKBOOK",
        "“%(filename)s” is not an .xlsx or .xls workbook: this file has several sheets, "
        "send it as the template is.",
        filename=filename,
    )


def write_xlsx(header, rows, title="Rapport"):
    """Return the bytes of an .xlsx workbook with one sheet: ``header`` then ``rows``."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([cell.isoformat() if isinstance(cell, date) else cell for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
