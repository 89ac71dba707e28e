import io
from datetime import date

import pypdf
from PIL import Image

from siamo_core.cards import Card, ascii_text, card_payload, card_valid_until, render_cards

CARD = Card(
    name="Aïssatou Ndiaye-Sèye",
    member_number="M0000042",
    ipm_name="IPM Interentreprises de Dakar",
    ipm_code="IPM-DKR",
    valid_until=date(2026, 12, 31),
    relationship="Conjoint",
    nin="2751198501234",
)


def _pages(pdf_bytes):
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    return [page.extract_text() for page in reader.pages]


def test_validity_to_the_end_of_the_year_or_the_departure():
    assert card_valid_until(date(2026, 11, 23)) == date(2026, 12, 31)
    assert card_valid_until(date(2026, 11, 23), date(2026, 11, 30)) == date(2026, 11, 30)
    assert card_valid_until(date(2026, 11, 23), date(2027, 3, 1)) == date(2026, 12, 31)


def test_payload_is_ascii_and_complete():
    payload = card_payload(CARD)
    assert payload == "SIAMO1|IPM-DKR|M0000042|2751198501234|20261231|Aissatou Ndiaye-Seye"
    assert payload.isascii()
    assert ascii_text("Pipe|et\u00a0espace\ninsécable") == "Pipeet espaceinsecable"


def test_single_card_on_its_own_page():
    pages = _pages(render_cards([CARD]))
    assert len(pages) == 1
    assert "M0000042" in pages[0]
    assert "31/12/2026" in pages[0]


def test_batch_of_eleven_cards_fills_two_a4_sheets():
    cards = [Card(**{**CARD.__dict__, "member_number": f"M{index:07d}"}) for index in range(11)]
    pdf = render_cards(cards)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width)) == 595
    assert "M0000009" in reader.pages[0].extract_text()
    assert "M0000010" in reader.pages[1].extract_text()


def test_card_with_photo():
    photo = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 120, 40)).save(photo, format="PNG")
    card = Card(**{**CARD.__dict__, "photo": photo.getvalue()})
    assert render_cards([card]).startswith(b"%PDF")
