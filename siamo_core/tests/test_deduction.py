import io
from datetime import date

import pypdf

from siamo_core.deduction import AdvancedCopayment, deduction_pdf, deduction_rows, deduction_xlsx
from siamo_core.spreadsheet import read_table

COPAYMENTS = [
    AdvancedCopayment("M2", "Moussa Diop", "MAT-2", "FSE-3", date(2026, 10, 20), 1_250),
    AdvancedCopayment("M1", "Awa Ndiaye", "", "FSE-1", date(2026, 10, 3), 1_000),
    AdvancedCopayment("M2", "Moussa Diop", "MAT-2", "FSE-2", date(2026, 10, 5), 2_001),
    AdvancedCopayment("M3", "Ibou Fall", "", "FSE-4", date(2026, 10, 7), 0),
]


def test_one_row_per_participant_with_his_sheets_and_the_total():
    rows, total = deduction_rows(COPAYMENTS)
    assert rows == [
        ["M1", "Awa Ndiaye", "", 1, date(2026, 10, 3), date(2026, 10, 3), 1_000],
        ["M2", "Moussa Diop", "MAT-2", 2, date(2026, 10, 5), date(2026, 10, 20), 3_251],
    ]
    assert total == ["", "Total", "", 3, "", "", 4_251]


def test_the_spreadsheet_reads_back_to_the_franc():
    table = read_table("retenues.xlsx", deduction_xlsx(COPAYMENTS))
    assert table.header[-1] == "À retenir"
    assert [row[-1] for _line, row in table.rows] == [1_000, 3_251, 4_251]


def test_the_pdf_names_each_worker_and_the_amount_to_withhold():
    pdf = deduction_pdf("Retenues octobre 2026", "Sahel Logistique SA", COPAYMENTS)
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\u00a0", " ")
    assert "Awa Ndiaye" in text and "Moussa Diop" in text and "Ibou Fall" not in text
    assert "05/10/2026" in text
    assert "3 251 FCFA" in text and "4 251 FCFA" in text
