import io

import pypdf

from siamo_core.payment_order import PaymentLine, order_pdf, order_rows

LINES = [
    PaymentLine("Clinique Sud", "PS-2", "SN012 01001 000123456789 12", ("FACT/1",), 150_000),
    PaymentLine("Awa Ndiaye", "M-7", "", ("FACT/3",), 4_001),
    PaymentLine("Clinique Sud", "PS-2", "SN012 01001 000123456789 12", ("FACT/2",), 50_000),
]


def test_one_row_per_payee_with_his_bills_and_the_total():
    rows, total = order_rows(LINES)
    assert rows == [
        ["Awa Ndiaye", "M-7", "à compléter", "FACT/3", 4_001],
        ["Clinique Sud", "PS-2", "SN012 01001 000123456789 12", "FACT/1, FACT/2", 200_000],
    ]
    assert total == ["Total", "", "", "2 bénéficiaire(s)", 204_001]


def test_the_order_prints_each_payee_and_the_total():
    pdf = order_pdf("Ordre de paiement OP-1", "IPM Test – CBAO", LINES)
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\u00a0", " ")
    assert "Clinique Sud" in text and "FACT/1, FACT/2" in text
    assert "204 001 FCFA" in text
