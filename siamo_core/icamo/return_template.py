"""The spreadsheet template of the IPM return (:mod:`siamo_core.icamo.return_sheet`): an
instructions sheet, the identification already filled, a sheet per list of the return with
drop-down lists of the allowed values, and a sheet of those values."""

import io

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .return_sheet import AGE_BANDS, CATEGORY_CHOICES, IDENTIFICATION, SEX_CHOICES, SHEETS

INSTRUCTIONS = "Instructions"
LISTS = "Listes"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
# how the sheets write the return's codes that have a French word
SHOWN = {"category": dict(zip(("participant", "spouse", "child"), CATEGORY_CHOICES, strict=True))}
# the rows the drop-down lists cover
FILLED_ROWS = 500


def _lists(book, regions, act_classes):
    """The sheet of allowed values; the range of each list, by the field it serves."""
    sheet = book.create_sheet(LISTS)
    columns = {
        "region": ("Région", list(regions)),
        "region_name": ("Nom de la région", list(regions.values())),
        "act_class": ("Classe d'actes", list(act_classes)),
        "act_class_name": ("Libellé", list(act_classes.values())),
        "category": ("Catégorie", list(CATEGORY_CHOICES)),
        "sex": ("Sexe", list(SEX_CHOICES)),
        "age_band": ("Tranche d'âge", list(AGE_BANDS)),
    }
    ranges = {}
    for position, (field, (title, values)) in enumerate(columns.items(), start=1):
        letter = get_column_letter(position)
        sheet.cell(1, position, title).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, position, value)
        sheet.column_dimensions[letter].width = 24
        ranges[field] = f"{LISTS}!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def _instructions(book, lines):
    sheet = book.active
    sheet.title = INSTRUCTIONS
    sheet.column_dimensions["A"].width = 110
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(1, 1).font = Font(bold=True, size=13)


def _data_sheet(book, template, ranges):
    sheet = book.create_sheet(template.title)
    for position, column in enumerate(template.schema.columns, start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(1, position, column.label)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        sheet.column_dimensions[letter].width = max(16, len(column.label) + 4)
        source = ranges.get(column.reference or column.field)
        if source:
            check = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
            check.add(f"{letter}2:{letter}{FILLED_ROWS}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    return sheet


def _value(document, path):
    """The figure at ``path`` (``payments.count``) of a return document, or None."""
    value = document
    for name in path.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    return value


def _rows(template, document):
    """The rows of ``document`` a sheet shows."""
    fields = [column.field for column in template.schema.columns]
    if template.section:
        return [
            [SHOWN.get(field, {}).get(row.get(field), row.get(field)) for field in fields]
            for row in document.get(template.section, [])
        ]
    return [[_value(document, field) for field in fields]]


def template_workbook(document, regions, act_classes, instructions):
    """The bytes of the .xlsx template of a return: ``document`` gives at least its ``ipm``,
    ``ipm_name`` and ``period`` (``2026-10``), and its figures when the return is downloaded
    to be corrected; ``regions`` and ``act_classes`` map the codes to their names,
    ``instructions`` are the lines of the first sheet, in the reader's language."""
    book = openpyxl.Workbook()
    _instructions(book, instructions)
    ranges = _lists(book, regions, act_classes)
    for template in SHEETS:
        sheet = _data_sheet(book, template, ranges)
        for row, values in enumerate(_rows(template, document), start=2):
            for position, value in enumerate(values, start=1):
                cell = sheet.cell(row, position, value)
                if template is IDENTIFICATION:  # the period stays a text, never a date
                    cell.number_format = "@"
    book.move_sheet(LISTS, offset=len(SHEETS))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
