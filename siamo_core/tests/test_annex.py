import io

import pypdf

from siamo_core.annex import annex_pdf, annex_rows, annex_xlsx
from siamo_core.spreadsheet import read_table

LINES = [
    {
        "member_number": "M1",
        "name": "Moussa Diop",
        "payroll_number": "MAT-1",
        "salary": 300_000,
        "base": 250_000,
        "employer": 7_500,
        "worker": 7_500,
        "total": 15_000,
    },
    {
        "member_number": "M2",
        "name": "Fatou Sarr",
        "salary": 100_000,
        "base": 100_000,
        "employer": 3_000,
        "worker": 3_000,
        "total": 6_000,
    },
]


def test_rows_and_total():
    rows, total = annex_rows(LINES)
    assert rows[1][2] == ""
    assert total == ["", "Total", "", 400_000, 350_000, 10_500, 10_500, 21_000]


def test_xlsx_reads_back():
    table = read_table("annexe.xlsx", annex_xlsx(LINES))
    assert table.header[0] == "N° adhérent"
    assert table.rows[-1][1][-1] == 21_000


def test_pdf_lists_every_participant_and_the_total():
    pdf = annex_pdf("Cotisations novembre 2026", "Sahel Logistique SA", LINES)
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Moussa Diop" in text and "Fatou Sarr" in text
    assert "21 000 FCFA" in text.replace("\u00a0", " ")
    assert "\u25a0" not in text  # no character the font lacks


def test_a_long_staff_list_runs_over_pages_with_the_header_on_each():
    many = [
        {**LINES[1], "member_number": f"M{index}", "name": f"Salarié {index}"}
        for index in range(120)
    ]
    reader = pypdf.PdfReader(io.BytesIO(annex_pdf("Cotisations", "Grande entreprise", many)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    assert all("Part employeur" in page for page in pages)
    text = "".join(pages)
    assert all(f"Salarié {index}" in text for index in range(120))
    assert "720 000 FCFA" in pages[-1].replace("\u00a0", " ")
