import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import xlwt

from siamo_core.exceptions import Message
from siamo_core.icamo.return_sheet import SHEETS, SheetError, read_return, references
from siamo_core.icamo.return_template import INSTRUCTIONS, LISTS, template_workbook
from siamo_core.icamo.sample import SAMPLE, sample_return
from siamo_core.spreadsheet import UnreadableFile, read_workbook

REGIONS = {"SN-DK": "Dakar", "SN-TH": "Thiès"}
ACTS = {"consultation": "Consultation", "pharmacy": "Pharmacie"}


def _template(document=SAMPLE):
    return template_workbook(document, REGIONS, ACTS, ["Comment remplir l'état", "Étape 1"])


def _edited(change, document=SAMPLE):
    """The template of ``document`` after ``change(book)``, read back."""
    book = openpyxl.load_workbook(io.BytesIO(_template(document)))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return read_return(read_workbook("etat.xlsx", buffer.getvalue()), REGIONS, ACTS)


def _where(result):
    return [(e.sheet, e.row, e.column, e.value, e.reason.code) for e in result.errors]


def test_the_filled_template_reads_back_as_the_return():
    result = read_return(read_workbook("etat.xlsx", _template()), REGIONS, ACTS)
    assert result.errors == () and result.document == SAMPLE


def test_the_template_has_instructions_identification_a_sheet_per_list_and_the_lists():
    book = openpyxl.load_workbook(io.BytesIO(_template({"ipm": "IPM-X", "period": "2026-11"})))
    assert book.sheetnames == [INSTRUCTIONS, *(sheet.title for sheet in SHEETS), LISTS]
    assert book[INSTRUCTIONS]["A1"].value == "Comment remplir l'état"
    identification = book["Identification"]
    assert [c.value for c in identification[1]] == ["Code IPM", "Nom de l'IPM", "Période (AAAA-MM)"]
    assert [c.value for c in identification[2]] == ["IPM-X", None, "2026-11"]
    assert [c.value for c in book["Cotisations"][1]] == [
        "Région",
        "Appelées (FCFA)",
        "Encaissées (FCFA)",
    ]
    assert book["Cotisations"].max_row == 1
    assert [c.value for c in book[LISTS]["A"]][:4] == ["Région", "SN-DK", "SN-TH", None]
    checks = book["Bénéficiaires"].data_validations.dataValidation
    assert sorted(check.formula1 for check in checks) == [
        "=Listes!$A$2:$A$3",
        "=Listes!$E$2:$E$4",
        "=Listes!$F$2:$F$3",
        "=Listes!$G$2:$G$9",
    ]


def test_an_empty_template_lacks_only_its_management_figures():
    result = read_return(
        read_workbook("etat.xlsx", _template({"ipm": "IPM-X", "period": "2026-11"})), {}, {}
    )
    assert _where(result) == [("Gestion", 2, "", None, "RETURN_SHEET_NO_ROW")]


def test_every_problem_of_the_file_is_reported_at_its_cell_and_nothing_is_taken():
    def change(book):
        book["Identification"]["C2"] = None
        book["Adhérents"]["A3"] = "SN-XX"
        book["Cotisations"]["B2"] = -5
        book["Cotisations"]["C3"] = Decimal("1500.5")
        book["Soins"]["B3"] = "Dentisterie"
        book["Bénéficiaires"]["B2"] = "oncle"
        book["Bénéficiaires"]["E3"] = "beaucoup"

    result = _edited(change)
    assert result.document is None
    assert _where(result) == [
        ("Identification", 2, "Période (AAAA-MM)", None, "ROW_REQUIRED_VALUE"),
        ("Adhérents", 3, "Région", "SN-XX", "ROW_UNKNOWN_REFERENCE"),
        ("Bénéficiaires", 2, "Catégorie", "oncle", "ROW_NOT_A_CHOICE"),
        ("Bénéficiaires", 3, "Nombre", "beaucoup", "ROW_NOT_A_NUMBER"),
        ("Cotisations", 2, "Appelées (FCFA)", -5, "ROW_NEGATIVE_AMOUNT"),
        ("Cotisations", 3, "Encaissées (FCFA)", Decimal("1500.5"), "ROW_AMOUNT_NOT_WHOLE"),
        ("Soins", 3, "Classe d'actes", "Dentisterie", "ROW_UNKNOWN_REFERENCE"),
    ]


def test_an_unknown_code_names_its_column_as_the_header_does():
    def change(book):
        book["Adhérents"]["A3"] = "SN-XX"

    (error,) = _edited(change).errors
    assert error.reason.params == {"column": "Région", "value": "SN-XX"}


def test_codes_and_names_are_both_understood_and_a_repeated_row_is_refused():
    def change(book):
        book["Adhérents"]["A2"] = "dakar"
        book["Soins"]["B2"] = "Consultation"
        book["Soins"]["A3"] = "Dakar"
        book["Soins"]["B3"] = "consultation"

    result = _edited(change)
    assert _where(result) == [("Soins", 3, "Région", "SN-DK / consultation", "ROW_DUPLICATE_KEY")]


@pytest.mark.parametrize(
    ("typed", "period"),
    [("10/2026", "2026-10"), ("1/2027", "2027-01"), (date(2026, 9, 1), "2026-09")],
)
def test_the_period_may_be_typed_as_a_french_month_or_a_date(typed, period):
    def change(book):
        book["Identification"]["C2"] = typed

    assert _edited(change).document["period"] == period


def test_a_period_that_is_not_a_month_is_refused():
    def change(book):
        book["Identification"]["C2"] = "octobre"

    result = _edited(change)
    assert _where(result) == [
        ("Identification", 2, "Période (AAAA-MM)", "octobre", "RETURN_SHEET_BAD_PERIOD")
    ]


def test_a_missing_sheet_a_headerless_sheet_and_rows_too_many():
    def change(book):
        del book["Refus"]
        sheet = book["Adhérents"]
        sheet.delete_rows(1, sheet.max_row)
        book["Gestion"].append([1, 2, 3])
        book["Identification"]["A2"] = "IPM-X"

    assert _where(_edited(change)) == [
        ("Adhérents", 1, "Région", None, "ROW_MISSING_COLUMN"),
        ("Adhérents", 1, "Entreprises adhérentes", None, "ROW_MISSING_COLUMN"),
        ("Adhérents", 1, "Travailleurs", None, "ROW_MISSING_COLUMN"),
        ("Refus", None, "", None, "RETURN_SHEET_MISSING"),
        ("Gestion", 3, "", None, "RETURN_SHEET_EXTRA_ROW"),
    ]


def test_the_balance_sheet_figures_are_all_given_or_none():
    def partial(book):
        for cell in ("E2", "F2", "G2", "H2", "I2"):
            book["Gestion"][cell] = None

    assert [error.column for error in _edited(partial).errors] == [
        "Trésorerie (FCFA)",
        "Actif (FCFA)",
        "Passif (FCFA)",
        "Produits (FCFA)",
        "Charges (FCFA)",
    ]

    def none(book):
        partial(book)
        book["Gestion"]["D2"] = None

    assert "finance" not in _edited(none).document


def test_the_return_s_own_checks_are_reported_at_their_cell():
    def change(book):
        book["Soins"]["E2"] = 1000  # lines refused, over the 900 lines
        book["Soins"]["G3"] = 6_000_000  # settled, over the 5 000 000 claimed
        book["Refus"]["A2"] = "motif libre"
        book["Identification"]["A2"] = "IPM SONATEL"
        book["Gestion"]["C2"] = 10**14

    result = _edited(change)
    assert _where(result) == [
        ("Identification", 2, "Code IPM", "IPM SONATEL", "RETURN_BAD_CODE"),
        ("Soins", 2, "Lignes refusées", None, "RETURN_MORE_REFUSED_THAN_LINES"),
        ("Soins", 3, "Liquidé (FCFA)", None, "RETURN_SETTLED_OVER_CLAIMED"),
        ("Refus", 2, "Motif (code)", "motif libre", "RETURN_BAD_CODE"),
        ("Gestion", 2, "Frais de gestion (FCFA)", 10**14, "RETURN_NOT_AN_AMOUNT"),
    ]
    # the path of the return's message becomes the column's header
    assert result.errors[1].reason == Message(
        "RETURN_MORE_REFUSED_THAN_LINES", "", path="Lignes refusées", refused=1000, lines=900
    )


def test_a_name_of_ipm_left_empty_is_left_out():
    result = _edited(lambda book: None, sample_return(ipm_name=""))
    assert "ipm_name" not in result.document


def test_an_xls_workbook_is_read_sheet_by_sheet():
    book = xlwt.Workbook()
    first = book.add_sheet("Identification")
    for column, value in enumerate(["Code IPM", "Période (AAAA-MM)"]):
        first.write(0, column, value)
    first.write(1, 0, "IPM-X")
    first.write(1, 1, "2026-10")
    first.write(2, 0, True)
    first.write(2, 1, "")
    book.add_sheet("Vide")
    buffer = io.BytesIO()
    book.save(buffer)
    tables = read_workbook("etat.xls", buffer.getvalue())
    assert tables["Vide"] is None
    assert tables["Identification"].rows == [(2, ["IPM-X", "2026-10"]), (3, [True, None])]
    result = read_return(tables, REGIONS, ACTS)
    assert ("Adhérents", None, "", None, "RETURN_SHEET_MISSING") in _where(result)


def test_a_single_sheet_file_is_no_workbook():
    with pytest.raises(UnreadableFile) as raised:
        read_workbook("etat.csv", b"a;b\n1;2\n")
    assert raised.value.code == "FILE_NOT_A_WORKBOOK"


def test_a_yes_no_cell_of_an_xlsx_stays_a_boolean():
    book = openpyxl.Workbook()
    book.active.append(["Code IPM"])
    book.active.append([True])
    buffer = io.BytesIO()
    book.save(buffer)
    (table,) = read_workbook("etat.xlsx", buffer.getvalue()).values()
    assert table.rows == [(2, [True])]


def test_the_references_take_codes_and_names():
    assert references({"SN-DK": "Dakar"}, {}) == {
        "region": {"dakar": "SN-DK", "sn_dk": "SN-DK"},
        "act_class": {},
    }
    assert SheetError("Soins", 2, "Région", "x", None).row == 2
