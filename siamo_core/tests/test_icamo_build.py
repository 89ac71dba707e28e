import pytest
from jsonschema import Draft7Validator

from siamo_core.icamo.build import (
    age_band,
    beneficiary_rows,
    build_return,
    finance_figures,
    management_costs,
)
from siamo_core.icamo.returns import InvalidReturn, parse_return, return_problems
from siamo_core.icamo.schema import SCHEMA

# a small IPM's month as its books give it: Dakar and Thiès, rows in any order
BALANCES = [
    # code, balance at the month's end, balance of the month (debit − credit, FCFA)
    ("101000", -10_000_000, 0),  # fonds de dotation: not a reserve
    ("111000", -30_000_000, 0),  # réserves
    ("121000", -2_000_000, 0),  # report à nouveau
    ("521100", 25_000_000, 4_000_000),  # banque
    ("571000", 500_000, 0),  # caisse
    ("411100", 6_000_000, 1_000_000),  # employeurs: what they still owe
    ("401110", -3_000_000, -500_000),  # prestataires: what the IPM owes
    ("244000", 2_000_000, 0),  # matériel
    ("284400", -500_000, 0),  # its depreciation
    ("162000", -1_000_000, 0),  # emprunt
    ("706100", -9_000_000, -9_000_000),  # cotisations
    ("605701", 5_000_000, 5_000_000),  # consultations
    ("605711", 1_000_000, 1_000_000),  # médicaments
    ("661100", 800_000, 800_000),  # salaires: management
    ("624000", 200_000, 200_000),  # entretien: management
    ("841000", -100_000, -100_000),  # produit HAO
    ("831000", 50_000, 50_000),  # charge HAO
]
CARE_ACCOUNTS = {"605701", "605711"}


def small_ipm(**changes):
    figures = {
        "default_region": "SN-DK",
        "members": [("SN-DK", 1, 2), ("SN-TH", 1, 1), (None, 0, 1)],
        "beneficiaries": [
            ("SN-DK", "participant", "male", 40, 1),
            (None, "participant", "male", 38, 1),
            ("SN-DK", "spouse", "female", 35, 1),
            ("SN-TH", "participant", "female", 29, 1),
            ("SN-TH", "child", "female", 3, 1),
            ("SN-TH", "child", False, 7, 1),
            ("SN-TH", "child", "male", None, 2),
        ],
        "contributions": [("SN-DK", 60_000, 45_000), ("SN-TH", 30_000, 30_000)],
        "care": [
            ("SN-DK", "consultation", 2, 2, 0, 10_000, 8_000, 8_000),
            ("SN-DK", "medicine", 1, 1, 1, 1_500, 0, 0),
            ("SN-TH", "consultation", 1, 1, 0, 5_000, 4_000, 0),
            ("SN-TH", "imaging", 0, 0, 0, 0, 0, 0),
        ],
        "refusals": [("LIQ-NOT-COVERED", 1, 1_500)],
        "payments": (1, 12),
        "balances": BALANCES,
        "care_accounts": CARE_ACCOUNTS,
        "ipm_name": "IPM Test",
        "produced_at": "2026-11-02T08:00:00Z",
    }
    figures.update(changes)
    return build_return("IPM-TEST", "2026-10", **figures)


def test_the_books_make_a_return_icamo_takes():
    built = small_ipm()
    document = built.document
    assert return_problems(document) == []
    assert not list(Draft7Validator(SCHEMA).iter_errors(document))
    taken = parse_return(document)
    assert (taken.ipm, taken.ipm_name, taken.period.isoformat()) == (
        "IPM-TEST",
        "IPM Test",
        "2026-10-01",
    )
    assert document["produced_at"] == "2026-11-02T08:00:00Z"
    # the worker without a région counts in the IPM's own
    assert document["members"] == [
        {"region": "SN-DK", "companies": 1, "workers": 3},
        {"region": "SN-TH", "companies": 1, "workers": 1},
    ]
    assert document["beneficiaries"] == [
        {"region": "SN-DK", "category": "participant", "sex": "M", "age_band": "35-44", "count": 2},
        {"region": "SN-DK", "category": "spouse", "sex": "F", "age_band": "35-44", "count": 1},
        {"region": "SN-TH", "category": "child", "sex": "F", "age_band": "0-4", "count": 1},
        {"region": "SN-TH", "category": "participant", "sex": "F", "age_band": "25-34", "count": 1},
    ]
    # one child without a sex, two without a birth date
    assert built.unplaced == 3
    assert document["contributions"][0] == {
        "region": "SN-DK",
        "called": 60_000,
        "collected": 45_000,
    }
    # the imaging row says nothing and is left out
    assert [(row["region"], row["act_class"]) for row in document["care"]] == [
        ("SN-DK", "consultation"),
        ("SN-DK", "medicine"),
        ("SN-TH", "consultation"),
    ]
    assert document["refusals"] == [{"reason": "LIQ-NOT-COVERED", "lines": 1, "amount": 1_500}]
    assert document["payments"] == {"count": 1, "delay_days": 12}


def test_the_finance_figures_follow_the_syscohada_classes():
    assert finance_figures(BALANCES) == {
        # 30 M + 2 M of reserves, and the result not yet closed: 9.1 M of income less
        # 7.05 M of expenses
        "reserves": 34_050_000,
        "cash": 25_500_000,
        # equipment net of its depreciation, cash, what employers owe
        "assets": 1_500_000 + 25_500_000 + 6_000_000,
        # the providers and the loan
        "liabilities": 4_000_000,
        "income": 9_100_000,
        "expenses": 7_050_000,
    }
    assert management_costs(BALANCES, CARE_ACCOUNTS) == 1_000_000
    assert small_ipm().document["management_costs"] == 1_000_000


def test_losses_and_overdrafts_are_given_as_zero():
    figures = finance_figures([("521100", -1_000, -1_000), ("658000", 50_000, 50_000)])
    assert (figures["reserves"], figures["cash"], figures["liabilities"]) == (0, 0, 1_000)
    assert management_costs([("781000", -5, -5), ("605701", 9, 9)], {"605701"}) == 0


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, None), (-1, None), (0, "0-4"), (4, "0-4"), (5, "5-14"), (64, "55-64"), (65, "65+")],
)
def test_an_age_falls_in_its_band(age, band):
    assert age_band(age) == band


def test_a_beneficiary_without_sex_or_birth_date_is_counted_apart():
    rows, unplaced = beneficiary_rows([("SN-DK", "child", None, 3, 4)], "SN-DK")
    assert (rows, unplaced) == ([], 4)


def test_an_empty_month_is_still_a_return():
    built = build_return("IPM-VIDE", "2026-10", default_region="SN-DK")
    assert return_problems(built.document) == []
    assert "ipm_name" not in built.document
    assert "produced_at" not in built.document
    assert built.document["finance"]["reserves"] == 0


def test_figures_the_format_refuses_are_told_with_every_problem():
    with pytest.raises(InvalidReturn) as raised:
        small_ipm(
            default_region="Dakar",
            care=[(None, "act class with spaces", 1, 1, 0, 10, 5, 5)],
        )
    paths = {problem.params["path"] for problem in raised.value.problems}
    assert {"members[1].region", "care[1].region", "care[1].act_class"} <= paths
