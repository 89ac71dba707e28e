"""Per-participant annexes of a contribution invoice, as PDF (reportlab) and spreadsheet."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

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
ROW_HEIGHT = 5.2 * mm
MARGIN = 12 * mm
BLUE = colors.HexColor("#005493")
STRIPE = colors.HexColor("#F2F6FA")


def _draw_row(pdf, cells, y, width, bold=False, fill=None, text=colors.black):
    if fill is not None:
        pdf.setFillColor(fill)
        pdf.rect(MARGIN, y - 1.5 * mm, width, ROW_HEIGHT, stroke=0, fill=1)
    pdf.setFillColor(text)
    pdf.setFont("Helvetica-Bold" if bold else "Helvetica", 8)
    edges = [MARGIN + left * mm for left, _amount in COLUMNS] + [MARGIN + width]
    for index, (cell, (_left, amount)) in enumerate(zip(cells, COLUMNS, strict=True)):
        if amount:
            pdf.drawRightString(edges[index + 1] - 2 * mm, y, str(cell))
        else:
            pdf.drawString(edges[index] + 1 * mm, y, str(cell)[:45])
    pdf.setStrokeColor(colors.grey)
    pdf.setLineWidth(0.25)
    pdf.line(MARGIN, y - 1.5 * mm, MARGIN + width, y - 1.5 * mm)


def annex_pdf(title, subtitle, lines):
    """The annex as a landscape A4 PDF, drawn straight on the canvas: a staff list of several
    hundred workers prints in a few milliseconds, the header repeated on every page."""
    rows, total = annex_rows(lines)
    body = [
        [*row[:3], *(format_fcfa(amount, PDF_SPACE) for amount in row[3:])]
        for row in [*rows, total]
    ]
    buffer = io.BytesIO()
    page_width, page_height = landscape(A4)
    width = page_width - 2 * MARGIN
    pdf = canvas.Canvas(buffer, pagesize=(page_width, page_height))
    pdf.setTitle(title)
    pdf.setAuthor("SIAMO ERP")
    page, y = 0, 0
    for index, cells in enumerate(body):
        if y < MARGIN + ROW_HEIGHT:
            if page:
                pdf.showPage()
            page += 1
            y = page_height - MARGIN
            if page == 1:
                pdf.setFont("Helvetica-Bold", 14)
                pdf.drawString(MARGIN, y - 5 * mm, title)
                pdf.setFont("Helvetica", 9)
                pdf.drawString(MARGIN, y - 11 * mm, subtitle)
                y -= 20 * mm
            pdf.setFont("Helvetica", 7)
            pdf.drawRightString(page_width - MARGIN, MARGIN / 2, f"Page {page}")
            _draw_row(pdf, ANNEX_HEADER, y, width, bold=True, fill=BLUE, text=colors.white)
            y -= ROW_HEIGHT
        last = index == len(body) - 1
        stripe = STRIPE if index % 2 and not last else None
        _draw_row(pdf, cells, y, width, bold=last, fill=stripe)
        y -= ROW_HEIGHT
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
