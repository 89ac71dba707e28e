"""SIAMO's card profile: BER-TLV, the APDUs, the status words and the identity read."""

from datetime import date

import pytest

from siamo_core.card import apdu, identity, status, tlv
from siamo_core.card.sample import SAMPLE_IDENTITY
from siamo_core.exceptions import CardError, InvalidIdentifier

TODAY = date(2026, 12, 3)
AWA = SAMPLE_IDENTITY


def _code(function, *args, **kwargs):
    with pytest.raises(CardError) as refused:
        function(*args, **kwargs)
    return refused.value.code


# --- BER-TLV ------------------------------------------------------------------------------


def test_tlv_multi_byte_tags_long_lengths_and_constructed_objects():
    photo = bytes(300)
    data = tlv.encode(0x7F20, [tlv.encode(0xDF21, b"CMU"), tlv.encode(0x5A, b"\x01")])
    data += tlv.encode(0xDF30, photo)
    first, second = tlv.parse(data)
    assert (first.tag, first.constructed) == (0x7F20, True)
    assert [(child.tag, child.value) for child in first.children] == [
        (0xDF21, b"CMU"),
        (0x5A, b"\x01"),
    ]
    assert first.find(0x5A).value == b"\x01" and first.find(0x99) is None
    assert (second.tag, second.value, second.constructed) == (0xDF30, photo, False)
    assert data[len(tlv.encode(0x7F20, [])) + 9 :].startswith(b"\xdf\x30\x82\x01\x2c")
    assert tlv.read_header(data) == (0x7F20, 9, 3)


def test_tlv_padding_between_objects_is_skipped():
    assert tlv.parse(b"\x00\xff\x5a\x01\x07\xff") == (tlv.Tlv(0x5A, b"\x07"),)


def test_three_byte_tags_and_four_byte_lengths():
    assert tlv.parse(b"\x5f\x81\x01\x84\x00\x00\x00\x01\x09") == (tlv.Tlv(0x5F8101, b"\x09"),)
    assert tlv.encode_length(0x1_0000) == b"\x83\x01\x00\x00"


@pytest.mark.parametrize(
    ("data", "code", "params"),
    [
        (b"\x5f", "TLV_TRUNCATED_TAG", {"offset": 0}),
        (b"\x5f\x81", "TLV_TRUNCATED_TAG", {"offset": 0}),
        (b"\x5f\x81\x81\x01\x00", "TLV_BAD_TAG", {"offset": 0, "maximum": 3}),
        (b"\x5a", "TLV_TRUNCATED_LENGTH", {"offset": 1}),
        (b"\x5a\x82\x01", "TLV_TRUNCATED_LENGTH", {"offset": 1}),
        (b"\x5a\x80", "TLV_BAD_LENGTH", {"offset": 1, "maximum": 4}),
        (b"\x5a\x85\x00\x00\x00\x00\x01", "TLV_BAD_LENGTH", {"offset": 1, "maximum": 4}),
        (
            b"\x5a\x03\x01",
            "TLV_TRUNCATED_VALUE",
            {"tag": "5A", "offset": 0, "length": 3, "available": 1},
        ),
    ],
)
def test_tlv_errors_are_coded(data, code, params):
    with pytest.raises(CardError) as refused:
        tlv.parse(data)
    assert (refused.value.code, refused.value.params) == (code, params)


def test_tlv_nesting_is_bounded():
    data = b"\x5a\x00"
    for _level in range(tlv.MAX_DEPTH + 1):
        data = tlv.encode(0x7F20, data)
    assert _code(tlv.parse, data) == "TLV_TOO_DEEP"
    assert len(tlv.parse(data[3:])) == 1


# --- APDUs -----------------------------------------------------------------------------------


def test_the_profile_commands_bytes():
    assert apdu.select_application().hex() == "00a4040c09f05349414d4f494401"
    assert apdu.select_file(apdu.EF_IDENTITY).hex() == "00a4020c020101"
    assert apdu.read_binary(0, 0xF0).hex() == "00b00000f0"
    assert apdu.read_binary(0x1234, 256).hex() == "00b0123400"
    assert apdu.get_response(0).hex() == "00c0000000"
    assert apdu.get_response(0x10).hex() == "00c0000010"
    assert apdu.verify_pin("1234").hex() == "0020008108" + "31323334ffffffff"
    assert apdu.pin_tries().hex() == "00200081"
    assert apdu.verify_fingerprint(b"\x01\x02").hex() == "0021009107" + "7f2e0481020102"


def test_a_long_sample_goes_in_an_extended_apdu():
    command = apdu.verify_fingerprint(bytes(300))
    assert command[:7].hex() == "00210091" + "000135"
    assert len(command) == 7 + 0x135
    assert apdu.command(0, 0xB0, 0, 0, le=65536)[-3:] == b"\x00\x00\x00"
    assert apdu.command(0, 0xB0, 0, 0, b"\x01" * 300, le=300)[-2:] == b"\x01\x2c"


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", 1234, "١٢٣٤"])
def test_a_pin_has_four_to_eight_ascii_digits(pin):
    assert _code(apdu.verify_pin, pin) == "CARD_PIN_BAD_FORM"


@pytest.mark.parametrize(
    "build",
    [
        lambda: apdu.read_binary(0x8000, 1),
        lambda: apdu.read_binary(0, 0),
        lambda: apdu.read_binary(True, 1),
        lambda: apdu.select_file(0x10000),
        lambda: apdu.verify_fingerprint(b""),
        lambda: apdu.verify_fingerprint(b"\x01", reference=0x10),
        lambda: apdu.command(0, 0, 0, 0, bytes(0x10000)),
    ],
)
def test_out_of_range_parameters_are_refused(build):
    assert _code(build) == "CARD_APDU_BAD_PARAMETER"


# --- status words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sw", "operation", "code", "params"),
    [
        (0x63C2, "verify_pin", "CARD_PIN_WRONG", {"attempts": 2}),
        (0x63C0, "verify_pin", "CARD_PIN_BLOCKED", {}),
        (0x6983, "verify_pin", "CARD_PIN_BLOCKED", {}),
        (0x63C1, "verify_fingerprint", "CARD_FINGERPRINT_MISMATCH", {"attempts": 1}),
        (0x6983, "verify_fingerprint", "CARD_FINGERPRINT_BLOCKED", {}),
        (0x6A88, "verify_fingerprint", "CARD_NO_FINGERPRINT", {}),
        (0x6982, "read_binary", "CARD_SECURITY_NOT_SATISFIED", {}),
        (0x6A82, "select_application", "CARD_NO_APPLICATION", {}),
        (0x6A82, "select_file", "CARD_FILE_NOT_FOUND", {"sw": "6A82"}),
        (0x6D00, "verify_fingerprint", "CARD_NOT_SUPPORTED", {"sw": "6D00"}),
        (0x6983, "read_binary", "CARD_STATUS", {"sw": "6983", "operation": "read_binary"}),
        (0x6B00, "read_binary", "CARD_STATUS", {"sw": "6B00", "operation": "read_binary"}),
    ],
)
def test_status_words_are_coded_errors(sw, operation, code, params):
    error = status.status_error(sw, operation)
    assert (error.code, error.params) == (code, params)


def test_success_and_end_of_file_are_no_error():
    assert status.status_error(0x9000, "read_binary") is None
    assert status.status_error(0x6282, "read_binary") is None
    status.check(0x9000, "verify_pin")


# --- the identity ---------------------------------------------------------------------------


def test_the_identity_round_trips():
    assert identity.parse_identity(identity.encode_identity(AWA), today=TODAY) == AWA
    assert AWA.as_dict() == {
        "kind": "cedeao",
        "number": "SN0123456789",
        "nin": "2751199900123",
        "surname": "NDIAYE",
        "given_names": "Awa Marème",
        "birth_date": "1975-11-19",
        "sex": "F",
        "expiry": "2031-05-01",
    }


def _identity_with(changes=()):
    fields = {
        identity.KIND: b"CEDEAO",
        identity.NUMBER: b"SN0123456789",
        identity.NIN: b"2751199900123",
        identity.SURNAME: b"NDIAYE",
        identity.GIVEN_NAMES: b"Awa",
        identity.BIRTH_DATE: b"19751119",
        identity.SEX: b"F",
        identity.EXPIRY: b"20310501",
    }
    fields.update(changes)
    return tlv.encode(
        identity.IDENTITY_TEMPLATE,
        [tlv.encode(tag, value) for tag, value in fields.items() if value is not None],
    )


def test_a_cmu_card_may_carry_no_nin():
    card = identity.parse_identity(_identity_with({identity.KIND: b"cmu", identity.NIN: None}))
    assert (card.kind, card.nin) == ("cmu", None)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({identity.NIN: None}, "CARD_FIELD_MISSING"),
        ({identity.SURNAME: b"  "}, "CARD_FIELD_MISSING"),
        ({identity.SURNAME: b"\xff\xfe"}, "CARD_FIELD_NOT_TEXT"),
        ({identity.BIRTH_DATE: b"19751131"}, "CARD_BAD_DATE"),
        ({identity.EXPIRY: b"2031-05-01"}, "CARD_BAD_DATE"),
        ({identity.SEX: b"X"}, "CARD_BAD_VALUE"),
        ({identity.KIND: b"PASSPORT"}, "CARD_BAD_VALUE"),
    ],
)
def test_a_wrong_field_is_a_coded_error(changes, code):
    assert _code(identity.parse_identity, _identity_with(changes), today=TODAY) == code


def test_the_nin_is_checked_as_a_nin():
    with pytest.raises(InvalidIdentifier) as refused:
        identity.parse_identity(_identity_with({identity.NIN: b"3751199900123"}))
    assert refused.value.code == "NIN_BAD_FORM"


def test_another_file_is_not_an_identity():
    assert _code(identity.parse_identity, b"") == "CARD_BAD_TEMPLATE"
    assert _code(identity.parse_identity, identity.encode_photo(b"jpeg")) == "CARD_BAD_TEMPLATE"
    assert identity.parse_photo(identity.encode_photo(b"\xff\xd8jpeg")) == b"\xff\xd8jpeg"


def test_the_fingerprint_reference():
    assert identity.parse_fingerprint_reference(identity.encode_fingerprint_reference(0x91)) == 0x91
    face = tlv.encode(identity.BIOMETRIC_TEMPLATE, [tlv.encode(identity.BIOMETRIC_TYPE, b"\x02")])
    assert _code(identity.parse_fingerprint_reference, face) == "CARD_NO_FINGERPRINT"


def test_an_empty_file_has_no_header():
    assert tlv.parse(b"") == ()
    assert _code(tlv.read_header, b"") == "TLV_TRUNCATED_TAG"
