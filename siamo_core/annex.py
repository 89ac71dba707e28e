"""Per-participant annexes of a contribution invoice, as PDF (reportlab) and spreadsheet."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .money import format_fcfa
from .spreadsheet import write_xlsx

PDF_SPACE = "\u00a0"  # the standard PDF fonts have no narrow no-break space
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


def annex_pdf(title, subtitle, lines):
    rows, total = annex_rows(lines)
    money = [*rows, total]
    body = [[*row[:3], *(format_fcfa(amount, PDF_SPACE) for amount in row[3:])] for row in money]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
        author="SIAMO ERP",
    )
    styles = getSampleStyleSheet()
    table = Table([ANNEX_HEADER, *body], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#005493")),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#F2F6FA")]),
            ]
        )
    )
    document.build(
        [
            Paragraph(title, styles["Title"]),
            Paragraph(subtitle, styles["Normal"]),
            Spacer(1, 5 * mm),
            table,
        ]
    )
    return buffer.getvalue()
