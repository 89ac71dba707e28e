"""The card-reader agent against the real pcscd, vpcd's virtual reader and a virtual card
of SIAMO's profile: read, PIN right and wrong, blocked, pulled out mid-read, no card, no
reader, match-on-card fingerprint."""

import base64
import uuid

import pytest

from siamo_card_agent import VERSION
from siamo_card_agent.check import read_and_verify
from siamo_card_agent.errors import AgentError

from .card_fixtures import AWA, PHOTO, TEMPLATE, config, inserted, make_card, pcsc
from .services import pcscd

__all__ = ["pcsc"]  # the fixture, imported for pytest
pytestmark = pytest.mark.usefixtures("pcsc")


def _refused(code, **kwargs):
    with pytest.raises(AgentError) as refused:
        read_and_verify(config(**kwargs.pop("config", {})), **kwargs)
    assert refused.value.code == code
    return refused.value.message


def test_the_identity_is_read_and_the_right_pin_confirms_it():
    card = make_card()
    with inserted(card):
        payload = read_and_verify(config(), pin="1234")
    assert payload["card"] == {**AWA.as_dict(), "photo": base64.b64encode(PHOTO).decode()}
    assert (payload["method"], payload["result"], payload["failure"]) == (
        "card_pin",
        "confirmed",
        None,
    )
    assert payload["agent"] == {"version": VERSION, "reader": pcscd.VIRTUAL_READER}
    assert payload["checked_at"].endswith("Z") and payload["message"] == "Identité vérifiée."
    assert len(uuid.UUID(payload["key"]).hex) == 32
    assert card.pin_tries == 3


def test_a_wrong_pin_is_a_refused_check_that_says_the_attempts_left():
    card = make_card()
    with inserted(card):
        payload = read_and_verify(config(), pin="9999")
    assert (payload["result"], payload["failure"]) == ("refused", "pin_wrong")
    assert payload["message"] == (
        "Code PIN erroné : il reste 2 essai(s) avant le blocage de la carte."
    )
    assert payload["card"]["nin"] == AWA.nin and card.pin_tries == 2


def test_the_third_wrong_pin_blocks_the_card_and_then_even_the_right_one_is_refused():
    card = make_card(pin_tries=1)
    with inserted(card):
        third = read_and_verify(config(), pin="0000")
        after = read_and_verify(config(), pin="1234")
    for payload in (third, after):
        assert (payload["result"], payload["failure"]) == ("refused", "card_blocked")
        assert payload["message"].startswith("La carte est bloquée : trop de codes PIN erronés")
    assert card.pin_tries == 0


def test_a_card_pulled_out_mid_read_says_so():
    card = make_card()
    with inserted(card, remove_at_read=5):  # in the photo, after the identity's reads
        message = _refused("AGENT_CARD_REMOVED", pin="1234")
    assert message == "La carte a été retirée pendant la lecture : réinsérez-la et recommencez."
    assert card.reads == 4 and card.pin_tries == 3


def test_no_card_in_the_reader():
    message = _refused("AGENT_NO_CARD", pin="1234", config={"card_timeout": 0.3})
    assert message.startswith("Aucune carte dans le lecteur")


def test_no_reader():
    message = _refused("AGENT_NO_READER", pin="1234", config={"reader": "Lecteur absent"})
    assert message.startswith("Aucun lecteur de carte n'est branché")


def test_a_card_without_the_siamo_application():
    card = make_card()
    card_aid = card.answer  # a foreign card: it knows no SIAMO application
    card.answer = lambda command: b"\x6a\x82" if command[1] == 0xA4 else card_aid(command)
    with inserted(card):
        message = _refused("CARD_NO_APPLICATION", pin="1234")
    assert message == "Cette carte n'est pas une carte d'identité CEDEAO ou CMU lisible."


def _sample_command(tmp_path, sample):
    path = tmp_path / "sample.bin"
    path.write_bytes(sample)
    return {"fingerprint_command": f"cat {path}"}


def test_match_on_card_the_card_compares_and_its_template_never_leaves_it(tmp_path):
    card = make_card()
    with inserted(card):
        payload = read_and_verify(config(**_sample_command(tmp_path, TEMPLATE)), fingerprint=True)
    assert (payload["method"], payload["result"]) == ("card_fingerprint", "confirmed")
    verify = [command for command in card.log if command[1] == 0x21]
    assert len(verify) == 1 and TEMPLATE in verify[0]  # the live sample goes in
    assert not [answer for answer in card.answers if TEMPLATE in answer]  # nothing comes out


def test_another_finger_is_a_mismatch_with_the_attempts_left(tmp_path):
    card = make_card()
    with inserted(card):
        payload = read_and_verify(
            config(**_sample_command(tmp_path, b"someone else")), fingerprint=True
        )
    assert (payload["result"], payload["failure"]) == ("refused", "fingerprint_mismatch")
    assert payload["message"] == (
        "L'empreinte ne correspond pas à celle de la carte : il reste 2 essai(s)."
    )


def test_a_card_without_fingerprint_asks_for_the_pin(tmp_path):
    with inserted(make_card(fingerprint_template=None)):
        message = _refused(
            "CARD_NO_FINGERPRINT",
            fingerprint=True,
            config=_sample_command(tmp_path, TEMPLATE),
        )
    assert message == "Cette carte ne vérifie pas les empreintes : utilisez le code PIN."


def test_without_a_sensor_no_fingerprint_check():
    with inserted(make_card()):
        message = _refused("AGENT_NO_FINGERPRINT_SENSOR", fingerprint=True)
    assert message == "Aucun capteur d'empreinte n'est configuré sur ce poste."
