"""Fuzzing the card profile's parsers: whatever bytes a card (or an attacker's card) sends,
they parse or raise a coded error; encoding then parsing gives back what was encoded."""

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from siamo_core.card import identity, session, tlv
from siamo_core.exceptions import SiamoError

tags = st.sampled_from([0x5A, 0x81, 0xC1, 0xDF21, 0x5F2B, 0x5F8101])


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=300))
def test_no_byte_string_crashes_the_tlv_parser(data):
    try:
        objects = tlv.parse(data)
    except SiamoError as error:
        assert error.code.startswith("TLV_")
    else:
        assert all(isinstance(item, tlv.Tlv) for item in objects)


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=300))
def test_no_byte_string_crashes_the_identity_and_biometry_readers(data):
    for parse in (identity.parse_identity, identity.parse_photo):
        with contextlib.suppress(SiamoError):
            parse(data)
    with contextlib.suppress(SiamoError):
        identity.parse_fingerprint_reference(data)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(tags, st.binary(max_size=70000 // 40)), max_size=40))
def test_what_is_encoded_parses_back(items):
    data = b"".join(tlv.encode(tag, value) for tag, value in items)
    assert [(item.tag, item.value) for item in tlv.parse(data)] == items


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.integers(min_value=1, max_value=255))
def test_no_card_answer_crashes_a_file_read(answer, chunk):
    """A card answering any bytes to the reads: a whole file or a coded error."""
    answers = [b"\x90\x00"] + [answer[i : i + chunk] + b"\x90\x00" for i in range(0, 600, chunk)]

    def transmit(_command):
        return answers.pop(0) if answers else b"\x62\x82"

    with contextlib.suppress(SiamoError):
        session.read_photo(transmit)
