"""A conversation with a card of the profile, over a scripted ``transmit``: chunked reads,
GET RESPONSE and wrong-Le rounds, the PIN and the match-on-card fingerprint."""

from datetime import date

import pytest

from siamo_core.card import apdu, identity, session
from siamo_core.exceptions import CardError

from .test_card import AWA

OK = b"\x90\x00"


class ScriptedCard:
    """Answers each expected command with its scripted response, in order."""

    def __init__(self, *exchanges):
        self.exchanges = list(exchanges)

    def __call__(self, command):
        expected, response = self.exchanges.pop(0)
        assert command.hex() == expected.hex()
        return response

    def done(self):
        return not self.exchanges


def _file_exchanges(file_id, data, chunk=session.CHUNK):
    exchanges = [(apdu.select_file(file_id), OK)]
    for offset in range(0, len(data), chunk):
        part = data[offset : offset + chunk]
        exchanges.append((apdu.read_binary(offset, min(chunk, len(data) - offset)), part + OK))
    return exchanges


def _first_read_asks_a_full_chunk(exchanges):
    select, (_first, answer) = exchanges[0], exchanges[1]
    return [select, (apdu.read_binary(0, session.CHUNK), answer), *exchanges[2:]]


def test_the_identity_is_read_in_chunks_at_growing_offsets():
    data = identity.encode_identity(AWA)
    card = ScriptedCard(
        (apdu.select_application(), OK),
        *_first_read_asks_a_full_chunk(_file_exchanges(apdu.EF_IDENTITY, data)),
    )
    assert session.read_identity(card, today=date(2026, 12, 3)) == AWA
    assert card.done()


def test_a_photo_larger_than_a_chunk():
    jpeg = b"\xff\xd8" + bytes(range(256)) * 3
    data = identity.encode_photo(jpeg)
    card = ScriptedCard(*_first_read_asks_a_full_chunk(_file_exchanges(apdu.EF_PHOTO, data)))
    assert session.read_photo(card) == jpeg
    assert card.done()


def test_no_photo_file_is_no_photo_but_another_refusal_is_an_error():
    assert session.read_photo(ScriptedCard((apdu.select_file(apdu.EF_PHOTO), b"\x6a\x82"))) is None
    refusal = ScriptedCard((apdu.select_file(apdu.EF_PHOTO), b"\x69\x82"))
    with pytest.raises(CardError) as refused:
        session.read_photo(refusal)
    assert refused.value.code == "CARD_SECURITY_NOT_SATISFIED"


def test_get_response_and_wrong_le_rounds():
    command = apdu.read_binary(0, 0x10)
    card = ScriptedCard(
        (command, b"\x6c\x04"),
        (command[:-1] + b"\x04", b"ab\x61\x02"),
        (apdu.get_response(2), b"cd" + OK),
    )
    assert session.transceive(card, command, "read_binary") == b"abcd"


def test_a_file_that_ends_early_or_is_too_large():
    header = b"\xdf\x30\x82\x01\x00" + bytes(10)
    short = ScriptedCard(
        (apdu.select_file(apdu.EF_PHOTO), OK),
        (apdu.read_binary(0, session.CHUNK), header + b"\x62\x82"),
        (apdu.read_binary(len(header), session.CHUNK), b"\x62\x82"),
    )
    with pytest.raises(CardError) as refused:
        session.read_photo(short)
    assert (refused.value.code, refused.value.params["offset"]) == ("CARD_FILE_SHORT", 15)
    huge = ScriptedCard(
        (apdu.select_file(apdu.EF_PHOTO), OK),
        (apdu.read_binary(0, session.CHUNK), b"\xdf\x30\x83\x10\x00\x00" + OK),
    )
    with pytest.raises(CardError) as refused:
        session.read_photo(huge)
    assert refused.value.code == "CARD_FILE_TOO_LARGE"


def test_an_answer_without_status_word():
    with pytest.raises(CardError) as refused:
        session.select_application(ScriptedCard((apdu.select_application(), b"\x90")))
    assert refused.value.code == "CARD_ANSWER_TOO_SHORT"


def test_pin_tries_and_verification():
    assert session.pin_tries(ScriptedCard((apdu.pin_tries(), b"\x63\xc3"))) == 3
    assert session.pin_tries(ScriptedCard((apdu.pin_tries(), b"\x69\x83"))) == 0
    assert session.pin_tries(ScriptedCard((apdu.pin_tries(), OK))) is None
    session.verify_pin(ScriptedCard((apdu.verify_pin("1234"), OK)), "1234")
    with pytest.raises(CardError) as refused:
        session.verify_pin(ScriptedCard((apdu.verify_pin("0000"), b"\x63\xc1")), "0000")
    assert (refused.value.code, refused.value.params) == ("CARD_PIN_WRONG", {"attempts": 1})


def test_match_on_card_sends_the_sample_and_reads_the_reference():
    reference = identity.encode_fingerprint_reference(0x92)
    card = ScriptedCard(
        *_first_read_asks_a_full_chunk(_file_exchanges(apdu.EF_BIOMETRY, reference))
    )
    assert session.fingerprint_reference(card) == 0x92
    session.verify_fingerprint(
        ScriptedCard((apdu.verify_fingerprint(b"live", 0x92), OK)), b"live", 0x92
    )
    none = ScriptedCard((apdu.select_file(apdu.EF_BIOMETRY), b"\x6a\x82"))
    assert session.fingerprint_reference(none) is None
