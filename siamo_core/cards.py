"""Member cards: the data a card carries, its QR code (ASCII only) and the PDF, with reportlab.

Cards are ID-1 size (85.6 × 54 mm), ten to an A4 page, to be cut; a single card prints on
its own page of that size.
"""

import io
import unicodedata
from dataclasses import dataclass
from datetime import date

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 5
QR_SIZE = 22 * mm
PAYLOAD_VERSION = "SIAMO1"


@dataclass(frozen=True)
class Card:
    name: str
    member_number: str
    ipm_name: str
    ipm_code: str
    valid_until: date
    relationship: str = ""
    nin: str = ""
    photo: bytes | None = None


def card_valid_until(today, left_on=None):
    """A card is valid to the end of the year, or to the day the participant leaves."""
    end_of_year = today.replace(month=12, day=31)
    return min(left_on, end_of_year) if left_on else end_of_year


def ascii_text(text):
    """``text`` without accents and limited to printable ASCII, for the QR code."""
    flat = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return "".join(char for char in flat if 32 <= ord(char) < 127 and char != "|")


def card_payload(card):
    """What the QR code carries: a versioned, pipe-separated, ASCII-only string."""
    return "|".join(
        [
            PAYLOAD_VERSION,
            ascii_text(card.ipm_code),
            ascii_text(card.member_number),
            ascii_text(card.nin),
            card.valid_until.strftime("%Y%m%d"),
            ascii_text(card.name)[:40],
        ]
    )


def draw_qr(pdf, payload, x, y):
    widget = QrCodeWidget(payload, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)


def _draw_card(pdf, card, x, y):
    pdf.setLineWidth(0.5)
    pdf.roundRect(x, y, CARD_WIDTH, CARD_HEIGHT, 3 * mm)
    pdf.setFillColorRGB(0.0, 0.33, 0.58)
    pdf.rect(x, y + CARD_HEIGHT - 9 * mm, CARD_WIDTH, 9 * mm, stroke=0, fill=1)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawString(x + 4 * mm, y + CARD_HEIGHT - 6 * mm, card.ipm_name[:45])
    pdf.setFillColorRGB(0, 0, 0)
    text_x = x + 4 * mm
    if card.photo:
        pdf.drawImage(
            ImageReader(io.BytesIO(card.photo)),
            x + 4 * mm,
            y + 14 * mm,
            20 * mm,
            25 * mm,
            preserveAspectRatio=True,
            mask="auto",
        )
        text_x = x + 27 * mm
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawString(text_x, y + CARD_HEIGHT - 16 * mm, card.name[:32])
    pdf.setFont("Helvetica", 8)
    lines = [
        f"N° adhérent : {card.member_number}",
        f"NIN : {card.nin}" if card.nin else "",
        card.relationship,
        f"Valable jusqu'au {card.valid_until:%d/%m/%Y}",
    ]
    for index, line in enumerate(filter(None, lines)):
        pdf.drawString(text_x, y + CARD_HEIGHT - (22 + 5 * index) * mm, line)
    pdf.setFont("Helvetica", 6)
    pdf.drawString(x + 4 * mm, y + 3 * mm, "Assurance maladie obligatoire - carte personnelle")
    draw_qr(pdf, card_payload(card), x + CARD_WIDTH - QR_SIZE - 3 * mm, y + 3 * mm)


def render_cards(cards, title="Cartes d'adhérent"):
    """The PDF of ``cards``: one card-sized page for one card, A4 sheets of ten otherwise."""
    cards = list(cards)
    buffer = io.BytesIO()
    single = len(cards) == 1
    page = (CARD_WIDTH, CARD_HEIGHT) if single else A4
    pdf = canvas.Canvas(buffer, pagesize=page, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor("SIAMO ERP")
    if single:
        _draw_card(pdf, cards[0], 0, 0)
    margin_x = (A4[0] - COLUMNS * CARD_WIDTH) / 3
    margin_y = (A4[1] - ROWS * CARD_HEIGHT) / (ROWS + 1)
    for index, card in enumerate([] if single else cards):
        slot = index % (COLUMNS * ROWS)
        if index and not slot:
            pdf.showPage()
        column, row = slot % COLUMNS, slot // COLUMNS
        x = margin_x + column * (CARD_WIDTH + margin_x)
        y = A4[1] - (row + 1) * (CARD_HEIGHT + margin_y)
        _draw_card(pdf, card, x, y)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
