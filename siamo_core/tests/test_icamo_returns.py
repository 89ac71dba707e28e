from copy import deepcopy
from datetime import date

import pytest
from jsonschema import Draft7Validator

from siamo_core.icamo.returns import (
    MEASURES,
    OPTIONAL,
    REQUIRED,
    Fact,
    InvalidReturn,
    parse_return,
    period_text,
    return_problems,
)
from siamo_core.icamo.sample import sample_return as a_return
from siamo_core.icamo.schema import SCHEMA

VALIDATOR = Draft7Validator(SCHEMA)


def codes(problems):
    return [(problem.code, problem.params.get("path")) for problem in problems]


def test_a_good_return_gives_its_facts_and_is_valid_for_the_published_schema():
    document = a_return()
    assert not list(VALIDATOR.iter_errors(document))
    taken = parse_return(document)
    assert (taken.ipm, taken.ipm_name, taken.period) == (
        "IPM-SONATEL",
        "IPM Sonatel",
        date(2026, 10, 1),
    )
    facts = taken.facts
    assert Fact("workers", 300, region="SN-DK") in facts
    assert Fact("beneficiaries", 500, "SN-DK", "child", "F", "5-14") in facts
    assert Fact("care_paid", 4_000_000, "SN-TH", "pharmacy") in facts
    assert Fact("refused_amount", 1_200_000, category="LIQ-OVER-TARIFF") in facts
    assert Fact("payment_delay_days", 600) in facts
    assert Fact("reserves", 40_000_000) in facts
    # 2 members × 2 + 4 beneficiaries + 2 × 2 contributions + 2 care × 6 + 2 refusals
    # + payments 2 + management costs + 6 finance figures
    assert len(facts) == 4 + 4 + 4 + 12 + 2 + 2 + 1 + 6
    assert period_text(taken.period) == "2026-10"
    assert {fact.measure for fact in facts} == set(MEASURES)


def test_the_schema_names_exactly_the_fields_the_checks_know():
    assert set(SCHEMA["properties"]) == set(REQUIRED) | set(OPTIONAL)
    assert set(SCHEMA["required"]) == set(REQUIRED)


def test_finance_is_optional_and_a_return_of_no_care_is_a_return():
    document = a_return(care=[], refusals=[])
    del document["finance"]
    taken = parse_return(document)
    assert not [fact for fact in taken.facts if fact.measure.startswith("care")]
    assert not list(VALIDATOR.iter_errors(document))


BAD = [
    ({"format": "autre"}, [("RETURN_UNKNOWN_FORMAT", "format")]),
    ({"version": "2.0"}, [("RETURN_UNKNOWN_FORMAT", "format")]),
    ({"period": "2026-13"}, [("RETURN_BAD_PERIOD", "period")]),
    ({"ipm": "IPM SONATEL"}, [("RETURN_BAD_CODE", "ipm")]),
    ({"management_costs": -1}, [("RETURN_NOT_AN_AMOUNT", "management_costs")]),
    ({"management_costs": 1.5}, [("RETURN_NOT_AN_AMOUNT", "management_costs")]),
    ({"management_costs": True}, [("RETURN_NOT_AN_AMOUNT", "management_costs")]),
    ({"members": {}}, [("RETURN_NOT_A_LIST", "members")]),
    ({"members": ["SN-DK"]}, [("RETURN_NOT_AN_OBJECT", "members[1]")]),
    ({"payments": []}, [("RETURN_NOT_AN_OBJECT", "payments")]),
    ({"payments": {"count": 1}}, [("RETURN_FIELD_MISSING", "payments.delay_days")]),
    ({"extra": 1}, [("RETURN_FIELD_UNKNOWN", "extra")]),
    (
        {"members": [{"region": "Dakar", "companies": 1, "workers": -2}]},
        [("RETURN_BAD_REGION", "members[1].region"), ("RETURN_NOT_A_COUNT", "members[1].workers")],
    ),
    (
        {
            "beneficiaries": [
                {"region": "SN-DK", "category": "cousin", "sex": "X", "age_band": "3-7", "count": 1}
            ]
        },
        [
            ("RETURN_BAD_CHOICE", "beneficiaries[1].category"),
            ("RETURN_BAD_CHOICE", "beneficiaries[1].sex"),
            ("RETURN_BAD_CHOICE", "beneficiaries[1].age_band"),
        ],
    ),
    (
        {"contributions": [{"region": "SN-DK", "called": 1, "collected": 1, "paid": 1}]},
        [("RETURN_FIELD_UNKNOWN", "contributions[1].paid")],
    ),
    (
        {
            "care": [
                {
                    "region": "SN-DK",
                    "act_class": "consultation",
                    "sheets": 1,
                    "lines": 2,
                    "lines_refused": 3,
                    "claimed": 100,
                    "settled": 200,
                    "paid": 0,
                }
            ]
        },
        [
            ("RETURN_MORE_REFUSED_THAN_LINES", "care[1]"),
            ("RETURN_SETTLED_OVER_CLAIMED", "care[1]"),
        ],
    ),
    (
        {
            "refusals": [
                {"reason": "A", "lines": 1, "amount": 1},
                {"reason": "A", "lines": 2, "amount": 2},
            ]
        },
        [("RETURN_DUPLICATE_ROW", "refusals[2]")],
    ),
]


@pytest.mark.parametrize(("changes", "expected"), BAD)
def test_every_problem_is_named_with_where_it_is(changes, expected):
    document = a_return(**changes)
    assert codes(return_problems(document)) == expected
    with pytest.raises(InvalidReturn) as raised:
        parse_return(document)
    assert raised.value.code == "RETURN_INVALID"
    assert codes(raised.value.problems) == expected


@pytest.mark.parametrize(("changes", "expected"), BAD)
def test_the_published_schema_refuses_what_the_checks_refuse_but_consistency(changes, expected):
    consistency = {
        "RETURN_MORE_REFUSED_THAN_LINES",
        "RETURN_SETTLED_OVER_CLAIMED",
        "RETURN_DUPLICATE_ROW",
    }
    schema_refuses = bool(list(VALIDATOR.iter_errors(a_return(**changes))))
    assert schema_refuses == any(code not in consistency for code, _path in expected)


def test_a_missing_section_and_a_document_that_is_no_object():
    document = deepcopy(a_return())
    del document["care"], document["period"]
    assert codes(return_problems(document)) == [
        ("RETURN_FIELD_MISSING", "period"),
        ("RETURN_FIELD_MISSING", "care"),
    ]
    assert codes(return_problems([])) == [("RETURN_NOT_AN_OBJECT", "(return)")]


def test_every_problem_of_a_document_is_reported_at_once():
    document = a_return(period="octobre", management_costs="beaucoup")
    document["care"][1]["paid"] = -5
    assert codes(return_problems(document)) == [
        ("RETURN_BAD_PERIOD", "period"),
        ("RETURN_NOT_AN_AMOUNT", "care[2].paid"),
        ("RETURN_NOT_AN_AMOUNT", "management_costs"),
    ]
