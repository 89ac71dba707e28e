import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
import xlwt

from siamo_core.spreadsheet import UnreadableFile, read_table, write_xlsx


def test_csv_with_semicolons_and_accents():
    content = "code;nom;prix\nM1;Paracétamol 500;850\n;;\nM2;Amoxicilline;1250,5\n".encode("cp1252")
    table = read_table("medicaments.csv", content)
    assert table.header == ["code", "nom", "prix"]
    assert table.rows == [
        (2, ["M1", "Paracétamol 500", "850"]),
        (4, ["M2", "Amoxicilline", "1250,5"]),
    ]


def test_csv_utf8_bom_and_commas():
    table = read_table("x.CSV", "\ufeffcode,nom\nA,Éléphant\n".encode())
    assert table.header == ["code", "nom"] and table.rows == [(2, ["A", "Éléphant"])]


def test_xlsx_cells_are_typed():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "prix", "date", "taux"])
    sheet.append(["M1", 850, datetime(2024, 1, 15), 0.8])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table("f.xlsx", buffer.getvalue())
    assert table.rows == [(2, ["M1", 850, date(2024, 1, 15), Decimal("0.8")])]


def test_xls_read_with_xlrd():
    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    for col, value in enumerate(["code", "prix", "date"]):
        sheet.write(0, col, value)
    sheet.write(1, 0, "M1")
    sheet.write(1, 1, 850.0)
    sheet.write(1, 2, datetime(2024, 1, 15), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table("f.xls", buffer.getvalue())
    assert table.rows == [(2, ["M1", 850, date(2024, 1, 15)])]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("f.pdf", b"%PDF", "FILE_BAD_EXTENSION"),
        ("f.xlsx", b"not a zip", "FILE_BAD_XLSX"),
        ("f.xls", b"not an xls", "FILE_BAD_XLS"),
        ("f.csv", b"", "FILE_EMPTY"),
    ],
)
def test_unreadable_files(name, content, reason):
    with pytest.raises(UnreadableFile) as refused:
        read_table(name, content)
    assert refused.value.code == reason


def test_write_xlsx_round_trip():
    content = write_xlsx(["Ligne", "Motif"], [[2, "NINEA invalide"], [3, date(2024, 1, 1)]])
    table = read_table("r.xlsx", content)
    assert table.header == ["Ligne", "Motif"]
    assert table.rows == [(2, [2, "NINEA invalide"]), (3, [3, "2024-01-01"])]
