from datetime import date

from siamo_core.rows import check_table
from siamo_core.spreadsheet import Table
from siamo_core.staff import STAFF, staff_changes

HEADER = [
    "Matricule",
    "Nom",
    "NIN",
    "Date naissance",
    "Sexe",
    "Date embauche",
    "Salaire",
    "Date sortie",
]


def check(*rows):
    return check_table(STAFF, Table(HEADER, [(n, list(r)) for n, r in enumerate(rows, start=2)]))


def test_rows_are_checked_with_reasons():
    result = check(
        ["MAT-1", "Moussa Diop", "1751198501234", "12/03/1985", "M", "01/02/2010", "320000", None],
        ["MAT-2", "Fatou Sarr", "17511985", None, "F", None, "-5", None],
        ["MAT-1", "Doublon", None, None, "X", None, "100000", None],
    )
    reasons = {(e.row, e.column): e.reason.code for e in result.errors}
    assert reasons[(3, "nin")] == "NIN_BAD_LENGTH"
    assert reasons[(3, "salaire")] == "ROW_NEGATIVE_AMOUNT"
    assert reasons[(4, "sexe")] == "ROW_NOT_A_CHOICE"
    assert result.records[0][1] == {
        "payroll_number": "MAT-1",
        "name": "Moussa Diop",
        "nin": "1751198501234",
        "birthdate": date(1985, 3, 12),
        "gender": "male",
        "hire_date": date(2010, 2, 1),
        "salary": 320_000,
    }


def test_hires_departures_and_salary_changes():
    current = {"MAT-1": 300_000, "MAT-2": 150_000, "MAT-3": 200_000, "MAT-4": 90_000}
    records = [
        {"payroll_number": "MAT-1", "salary": 320_000},
        {"payroll_number": "MAT-2", "salary": 150_000},
        {"payroll_number": "MAT-3", "salary": 200_000, "left_on": date(2026, 10, 31)},
        {"payroll_number": "MAT-9", "name": "Nouveau", "salary": 110_000},
        {"payroll_number": "MAT-8", "name": "Passé", "salary": 1, "left_on": date(2026, 1, 1)},
    ]
    changes = staff_changes(current, records)
    assert [hire["payroll_number"] for hire in changes.hires] == ["MAT-9"]
    assert changes.salary_changes == [("MAT-1", 300_000, 320_000)]
    assert changes.departures == [("MAT-3", date(2026, 10, 31)), ("MAT-4", None)]
    assert (changes.unchanged, changes.count) == (1, 4)
