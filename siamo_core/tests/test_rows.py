from datetime import date
from decimal import Decimal

from siamo_core.referentials import ACTS, COMMUNES, COMPANIES, KEY_LETTERS, MEDICINES, PROVIDERS
from siamo_core.rows import check_table, error_report_rows, normalize
from siamo_core.spreadsheet import Table

REFERENCES = {
    "departments": {"dakar": 1, "sn_dk_dak": 1, "pikine": 2},
    "communes": {"dk01": 10, "plateau": 10},
    "key_letters": {"c": 100, "b": 101},
    "act_classes": {"consultation": 200, "biology": 201},
    "schedules": {"arrete_2013": 300},
    "sectors": {"industrie": 400},
}


def check(schema, header, *rows):
    table = Table(header=list(header), rows=[(n, list(r)) for n, r in enumerate(rows, start=2)])
    return check_table(schema, table, REFERENCES)


def reasons(result):
    """The code of each reason, by (row, column)."""
    return {(e.row, e.column): e.reason.code for e in result.errors}


def params(result):
    return {(e.row, e.column): e.reason.params for e in result.errors}


def test_normalize():
    assert normalize(" Département ") == "departement"
    assert normalize("Prix public (FCFA)") == "prix_public_fcfa"


def test_valid_medicines_are_typed():
    result = check(
        MEDICINES,
        ["Code", "Nom commercial", "DCI", "Prix public", "Générique", "Remboursable", "Type"],
        ["M1", "Doliprane 500", "Paracétamol", "850", "oui", "Oui", "médicament"],
        ["D1", "Attelle", None, 12000, "non", "non", "dispositif"],
    )
    assert result.errors == []
    assert result.records == [
        (
            2,
            {
                "code": "M1",
                "name": "Doliprane 500",
                "inn": "Paracétamol",
                "public_price": 850,
                "generic": True,
                "reimbursable": True,
                "kind": "medicine",
            },
        ),
        (
            3,
            {
                "code": "D1",
                "name": "Attelle",
                "public_price": 12000,
                "generic": False,
                "reimbursable": False,
                "kind": "device",
            },
        ),
    ]


def test_negative_price_duplicate_code_and_bad_boolean():
    result = check(
        MEDICINES,
        ["code", "nom_commercial", "prix_public", "generique"],
        ["M1", "A", "-5", None],
        ["M2", "B", "12.5", None],
        ["M3", "C", "100", "peut-être"],
        ["M4", "D", "100", None],
        ["M4", "E", "200", None],
    )
    found = reasons(result)
    assert found[(2, "prix_public")] == "ROW_NEGATIVE_AMOUNT"
    assert found[(3, "prix_public")] == "ROW_AMOUNT_NOT_WHOLE"
    assert found[(4, "generique")] == "ROW_NOT_YES_OR_NO"
    assert found[(6, "code")] == "ROW_DUPLICATE_KEY"
    assert params(result)[(6, "code")] == {"key": "M4", "row": 5}
    assert params(result)[(4, "generique")] == {"value": "peut-être"}
    assert [number for number, _ in result.records] == [5]
    assert result.rows_with_errors == [2, 3, 4, 6]


def test_bad_ninea_and_legacy_warning():
    result = check(
        COMPANIES,
        ["ninea", "raison_sociale", "effectif", "commune"],
        ["3067222", "Mauvais", "10", None],
        ["0123456789", "Ancienne", "350", "Plateau"],
        ["3067221", "Bonne", "-3", None],
    )
    found = reasons(result)
    assert found[(2, "ninea")] == "NINEA_BAD_CHECKSUM"
    assert params(result)[(2, "ninea")] == {"value": "3067222"}
    assert found[(4, "effectif")] == "ROW_NEGATIVE"
    assert result.records == [
        (
            3,
            {
                "siamo_ninea": "0123456789",
                "name": "Ancienne",
                "siamo_headcount": 350,
                "siamo_commune_id": 10,
            },
        )
    ]
    assert result.warnings[0].reason.code == "NINEA_LEGACY_FORM"


def test_unknown_commune_and_bad_date():
    result = check(
        PROVIDERS,
        ["code", "nom", "type", "commune", "debut_agrement"],
        ["P1", "Clinique", "Clinique", "Atlantis", "2024-01-01"],
        ["P2", "Pharmacie", "pharmacy", "DK01", "31/02/2024"],
        ["P3", "Hôpital", "Hôpital", "plateau", "15/03/2024"],
        ["P4", "Garage", "garage", None, None],
    )
    found = reasons(result)
    assert found[(2, "commune")] == "ROW_UNKNOWN_REFERENCE"
    assert params(result)[(2, "commune")] == {"column": "commune", "value": "Atlantis"}
    assert found[(3, "debut_agrement")] == "ROW_NOT_A_DATE"
    assert found[(5, "type")] == "ROW_NOT_A_CHOICE"
    assert result.records == [
        (
            4,
            {
                "siamo_provider_code": "P3",
                "name": "Hôpital",
                "siamo_provider_kind": "hospital",
                "siamo_commune_id": 10,
                "siamo_accreditation_date_start": date(2024, 3, 15),
            },
        )
    ]


def test_unknown_key_letter_in_acts():
    result = check(
        ACTS,
        ["code", "libelle", "lettre_cle", "coefficient", "classe"],
        ["C01", "Consultation", "C", "1", "consultation"],
        ["X01", "Mystère", "QQ", "2", "biology"],
    )
    assert reasons(result) == {(3, "lettre_cle"): "ROW_UNKNOWN_REFERENCE"}
    assert str(result.errors[0].reason) == "“QQ” is not a known value of the column lettre_cle."
    assert result.records[0][1]["coefficient"] == Decimal(1)


def test_key_letter_values_unique_by_letter_schedule_and_date():
    result = check(
        KEY_LETTERS,
        ["lettre_cle", "bareme", "valeur", "date_effet"],
        ["C", "ARRETE 2013", "3000", "18/02/2013"],
        ["C", "ARRETE 2013", "3500", "01/01/2024"],
        ["C", "ARRETE 2013", "3600", "01/01/2024"],
    )
    assert list(reasons(result)) == [(4, "lettre_cle")]


def test_header_problems_stop_everything():
    result = check(COMMUNES, ["code", "nom", "Région inventée"], ["X", "Y", "Z"])
    found = reasons(result)
    assert found[(1, "Région inventée")] == "ROW_UNKNOWN_COLUMN"
    assert params(result)[(1, "Région inventée")]["title"] == "Région inventée"
    assert found[(1, "departement")] == "ROW_MISSING_COLUMN"
    assert result.records == []


def test_missing_required_value_and_report():
    result = check(COMMUNES, ["code", "nom", "departement"], ["X", None, "Dakar"])
    assert error_report_rows(result) == [[2, "nom", "", "A value is required."]]
    assert error_report_rows(result, lambda reason: reason.code) == [
        [2, "nom", "", "ROW_REQUIRED_VALUE"]
    ]


def test_numbers_and_identifiers_refused_with_reasons():
    result = check(
        COMPANIES,
        ["ninea", "raison_sociale", "effectif", "rccm", "secteur"],
        ["3067221", "A", "12.5", None, None],
        ["4581238", "B", "beaucoup", "SN-DKR-2015-B-14769", "Industrie"],
        ["5129045", "C", "10", "DKR-14769", None],
    )
    found = reasons(result)
    assert found[(2, "effectif")] == "ROW_NOT_AN_INTEGER"
    assert found[(3, "effectif")] == "ROW_NOT_A_NUMBER"
    assert found[(4, "rccm")] == "RCCM_BAD_FORM"
    acts = check(
        ACTS,
        ["code", "libelle", "coefficient", "classe"],
        ["A", "B", "-1", "biology"],
        ["C", "D", "abc", "biology"],
    )
    assert reasons(acts)[(2, "coefficient")] == "ROW_NEGATIVE"
    assert reasons(acts)[(3, "coefficient")] == "ROW_NOT_A_NUMBER"
    amounts = check(MEDICINES, ["code", "nom_commercial", "prix_public"], ["M", "N", "gratuit"])
    assert reasons(amounts)[(2, "prix_public")] == "ROW_NOT_AN_AMOUNT"
    assert params(amounts)[(2, "prix_public")] == {"value": "gratuit"}


def test_duplicate_header_and_short_rows():
    result = check(COMMUNES, ["code", "Code", "nom", "departement"], ["X"])
    assert reasons(result)[(1, "Code")] == "ROW_DUPLICATE_COLUMN"
    short = check(COMMUNES, ["code", "nom", "departement"], ["X"])
    assert reasons(short)[(2, "nom")] == "ROW_REQUIRED_VALUE"


def test_own_ipm_threshold():
    from siamo_core.referentials import must_have_own_ipm

    assert not must_have_own_ipm(299)
    assert must_have_own_ipm(300)
    assert not must_have_own_ipm(None)
