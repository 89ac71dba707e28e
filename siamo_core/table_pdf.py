"""A landscape A4 table drawn straight on the reportlab canvas: thousands of rows print in a
few milliseconds, the header repeated on every page, the last row (the total) in bold."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from .money import format_fcfa

PDF_SPACE = "\u00a0"  # the standard PDF fonts have no narrow no-break space
ROW_HEIGHT = 5.2 * mm
MARGIN = 12 * mm
BLUE = colors.HexColor("#005493")
STRIPE = colors.HexColor("#F2F6FA")


def _draw_row(pdf, cells, columns, y, width, bold=False, fill=None, text=colors.black):
    if fill is not None:
        pdf.setFillColor(fill)
        pdf.rect(MARGIN, y - 1.5 * mm, width, ROW_HEIGHT, stroke=0, fill=1)
    pdf.setFillColor(text)
    pdf.setFont("Helvetica-Bold" if bold else "Helvetica", 8)
    edges = [MARGIN + left * mm for left, _amount in columns] + [MARGIN + width]
    for index, (cell, (_left, amount)) in enumerate(zip(cells, columns, strict=True)):
        if amount:
            pdf.drawRightString(edges[index + 1] - 2 * mm, y, str(cell))
        else:
            pdf.drawString(edges[index] + 1 * mm, y, str(cell)[:45])
    pdf.setStrokeColor(colors.grey)
    pdf.setLineWidth(0.25)
    pdf.line(MARGIN, y - 1.5 * mm, MARGIN + width, y - 1.5 * mm)


def _printed(cells, columns):
    """Amount columns printed the French way."""
    return [
        format_fcfa(cell, PDF_SPACE) if amount and isinstance(cell, int) else cell
        for cell, (_left, amount) in zip(cells, columns, strict=True)
    ]


def table_pdf(title, subtitle, header, rows, columns):
    """The PDF bytes of ``rows`` (the last one the total) under ``header``; ``columns`` gives
    each column's left edge in mm from the margin and whether it holds an amount in FCFA."""
    buffer = io.BytesIO()
    page_width, page_height = landscape(A4)
    width = page_width - 2 * MARGIN
    pdf = canvas.Canvas(buffer, pagesize=(page_width, page_height))
    pdf.setTitle(title)
    pdf.setAuthor("SIAMO ERP")
    page, y = 0, 0
    for index, row in enumerate(rows):
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
            _draw_row(pdf, header, columns, y, width, bold=True, fill=BLUE, text=colors.white)
            y -= ROW_HEIGHT
        last = index == len(rows) - 1
        stripe = STRIPE if index % 2 and not last else None
        _draw_row(pdf, _printed(row, columns), columns, y, width, bold=last, fill=stripe)
        y -= ROW_HEIGHT
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
