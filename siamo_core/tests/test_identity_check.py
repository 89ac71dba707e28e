from datetime import date, datetime

import pytest

from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identity_check import (
    CardRead,
    InvalidIdentityCheck,
    check_card_holder,
    check_provider,
    checked_channel,
    choose_beneficiary,
    http_status,
    key_in_use,
    new_reference,
    parse_identity_check,
)

RECEIVED = datetime(2026, 12, 3, 10, 16)
NIN = "1751199900123"


def payload(**changes):
    body = {
        "beneficiary": {"nin": NIN},
        "method": "card_pin",
        "result": "confirmed",
        "failure": None,
        "practitioner": "Dr Awa Ndiaye",
        "checked_at": "2026-12-03T10:15:00Z",
        "card": {
            "kind": "cedeao",
            "number": "SN-0001",
            "nin": NIN,
            "surname": "Ndiaye",
            "given_names": "Awa",
            "birth_date": "1975-11-19",
            "sex": "F",
            "expiry": "2031-05-01",
            "photo": "/9j/4AAQ",
        },
        "agent": {"version": "1.0.0", "reader": "Virtual PCD 00 00"},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value != "DROP"}


def refused(body):
    with pytest.raises(InvalidIdentityCheck) as error:
        parse_identity_check(body, RECEIVED)
    return error.value.code, error.value.params


def test_the_contracts_example_is_read_into_plain_values():
    check = parse_identity_check(payload(), RECEIVED)
    assert check.beneficiary == ("nin", NIN)
    assert (check.method, check.result, check.failure, check.confirmed) == (
        "card_pin",
        "confirmed",
        "",
        True,
    )
    assert check.checked_at == datetime(2026, 12, 3, 10, 15)
    assert check.card == CardRead(
        "cedeao", "SN-0001", NIN, "Ndiaye", "Awa", date(1975, 11, 19), "F", date(2031, 5, 1)
    )
    assert (check.agent_version, check.reader, check.practitioner) == (
        "1.0.0",
        "Virtual PCD 00 00",
        "Dr Awa Ndiaye",
    )


def test_a_visual_check_by_member_number_without_time_takes_the_servers():
    check = parse_identity_check(
        payload(
            beneficiary={"member_number": " M-0042 "},
            method="visual",
            reason="Carte oubliée",
            card=None,
            checked_at="DROP",
            agent="DROP",
        ),
        RECEIVED,
    )
    assert (check.beneficiary, check.checked_at, check.reason) == (
        ("member_number", "M-0042"),
        RECEIVED,
        "Carte oubliée",
    )
    offset = parse_identity_check(payload(checked_at="2026-12-03T11:15:00+01:00"), RECEIVED)
    assert offset.checked_at == datetime(2026, 12, 3, 10, 15)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ([], ("IDC_NOT_AN_OBJECT", {"path": "(body)"})),
        (payload(extra=1), ("IDC_UNKNOWN_FIELD", {"path": "extra"})),
        (payload(method="DROP"), ("IDC_MISSING", {"path": "method"})),
        (payload(beneficiary={}), ("IDC_NO_BENEFICIARY", {})),
        (payload(beneficiary={"name": "x"}), ("IDC_UNKNOWN_FIELD", {"path": "beneficiary/name"})),
        (payload(beneficiary={"member_number": ""}), ("IDC_NOT_TEXT", {})),
        (payload(method="iris"), ("IDC_BAD_CHOICE", {"value": "iris"})),
        (payload(result="maybe"), ("IDC_BAD_CHOICE", {"value": "maybe"})),
        (payload(failure="pin_wrong"), ("IDC_FAILURE_CONFIRMED", {})),
        (
            payload(result="refused", failure="fingerprint_mismatch"),
            ("IDC_FAILURE_METHOD", {"failure": "fingerprint_mismatch", "method": "card_pin"}),
        ),
        (payload(method="visual", card=None), ("IDC_REASON_REQUIRED", {})),
        (payload(card=None), ("IDC_CARD_REQUIRED", {})),
        (payload(card={"kind": "cedeao"}), ("IDC_NOT_TEXT", {"path": "card/number"})),
        (payload(card={"kind": "cedeao", "number": "1", "pin": "1"}), ("IDC_UNKNOWN_FIELD", {})),
        (payload(card={"kind": "cedeao", "number": "1", "sex": "X"}), ("IDC_BAD_CHOICE", {})),
        (
            payload(card={"kind": "cmu", "number": "1", "expiry": "01/05/2031"}),
            ("IDC_BAD_DATE", {"path": "card/expiry"}),
        ),
        (payload(card={"kind": "cmu", "number": "1", "photo": "***"}), ("IDC_BAD_PHOTO", {})),
        (payload(card={"kind": "cmu", "number": "1", "photo": 12}), ("IDC_BAD_PHOTO", {})),
        (payload(checked_at="2026-12-03T10:15:00"), ("IDC_BAD_TIME", {})),
        (payload(checked_at="hier"), ("IDC_BAD_TIME", {})),
        (payload(checked_at="2026-12-03T10:22:00Z"), ("IDC_TIME_FUTURE", {})),
        (payload(checked_at="2026-12-02T10:15:00Z"), ("IDC_TIME_STALE", {})),
        (payload(agent="1.0"), ("IDC_NOT_AN_OBJECT", {"path": "agent"})),
        (payload(practitioner="x" * 129), ("IDC_NOT_TEXT", {"limit": 128})),
    ],
)
def test_a_bad_payload_is_refused_with_its_code(body, expected):
    code, params = refused(body)
    assert code == expected[0]
    assert expected[1].items() <= params.items()


def test_the_agents_key_of_the_check_is_read_and_bounded():
    assert parse_identity_check(payload(), RECEIVED).key == ""
    assert parse_identity_check(payload(key=" 6f1c-42 "), RECEIVED).key == "6f1c-42"
    assert refused(payload(key="k" * 65)) == ("IDC_NOT_TEXT", {"path": "key", "limit": 64})


def test_a_key_being_recorded_is_answered_409_to_send_again():
    assert (key_in_use().code, http_status(key_in_use())) == ("IDC_KEY_BUSY", 409)


def test_a_nin_of_a_wrong_form_is_the_identifiers_refusal():
    with pytest.raises(InvalidIdentifier) as error:
        parse_identity_check(payload(beneficiary={"nin": "123"}), RECEIVED)
    assert error.value.code == "NIN_BAD_LENGTH"
    assert http_status(error.value) == 400


def test_a_refused_check_by_card_needs_no_card_and_may_say_the_card_is_blocked():
    check = parse_identity_check(
        payload(result="refused", failure="card_blocked", card=None), RECEIVED
    )
    assert (check.confirmed, check.failure, check.card) == (False, "card_blocked", None)


def test_the_beneficiary_is_the_one_of_an_ipm_the_provider_has_an_agreement_with():
    assert choose_beneficiary([("b1", 1), ("b2", 2)], {2}, NIN) == "b2"
    answers = []
    for candidates, ipms in (([], {1}), ([("b1", 1)], {2}), ([("b1", 1), ("b2", 1)], {1})):
        with pytest.raises(InvalidIdentityCheck) as error:
            choose_beneficiary(candidates, ipms, NIN)
        answers.append((error.value.code, http_status(error.value), str(error.value)))
    unknown, elsewhere, ambiguous = answers
    # another IPM's beneficiary is answered as nobody: the provider cannot tell them apart
    assert unknown == elsewhere
    assert unknown[:2] == ("IDC_BENEFICIARY_UNKNOWN", 404)
    assert ambiguous[:2] == ("IDC_BENEFICIARY_AMBIGUOUS", 409)


def test_a_card_confirms_only_its_holder():
    check = parse_identity_check(payload(), RECEIVED)
    check_card_holder(check, NIN)
    check_card_holder(check, "")
    with pytest.raises(InvalidIdentityCheck) as error:
        check_card_holder(check, "2342197000137")
    assert error.value.params == {"card_nin": NIN}
    refused_check = parse_identity_check(payload(result="refused", failure="pin_wrong"), RECEIVED)
    check_card_holder(refused_check, "2342197000137")


def test_channels_providers_and_references():
    assert checked_channel("portal") == "portal"
    check_provider(True)
    with pytest.raises(InvalidIdentityCheck) as error:
        check_provider(False)
    assert http_status(error.value) == 403
    with pytest.raises(InvalidIdentityCheck):
        checked_channel("fax")
    first, second = new_reference(), new_reference()
    assert first != second
    assert first.startswith("IDC-") and len(first) == 28
