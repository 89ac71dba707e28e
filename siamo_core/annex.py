"""Per-participant annexes of a contribution invoice, as PDF (reportlab) and spreadsheet."""

from .spreadsheet import write_xlsx
from .table_pdf import table_pdf

ANNEX_HEADER = [
    "N° adhérent",
    "Participant",
    "Matricule",
    "Salaire",
    "Assiette",
    "Part employeur",
    "Part salarié",
    "Cotisation",
]


def annex_rows(lines):
    """Rows of the annex from ``lines``: dicts with the header's data, plus a total row."""
    rows = [
        [
            line["member_number"],
            line["name"],
            line.get("payroll_number") or "",
            line["salary"],
            line["base"],
            line["employer"],
            line["worker"],
            line["total"],
        ]
        for line in lines
    ]
    totals = [sum(row[index] for row in rows) for index in range(3, 8)]
    return rows, ["", "Total", "", *totals]


def annex_xlsx(lines):
    rows, total = annex_rows(lines)
    return write_xlsx(ANNEX_HEADER, [*rows, total], title="Annexe")


# column left edges (mm from the left margin) and whether the column holds an amount
COLUMNS = [
    (0, False),
    (28, False),
    (98, False),
    (128, True),
    (155, True),
    (182, True),
    (209, True),
    (236, True),
]


def annex_pdf(title, subtitle, lines):
    """The annex as a landscape A4 PDF: a staff list of several hundred workers prints in a
    few milliseconds, the header repeated on every page."""
    rows, total = annex_rows(lines)
    return table_pdf(title, subtitle, ANNEX_HEADER, [*rows, total], COLUMNS)
