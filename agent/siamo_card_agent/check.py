"""One identity check: the card read, the cardholder verified (PIN, or match-on-card
fingerprint), and the payload of ``POST /siamo/api/v1/identity-checks`` minus "beneficiary"
and "practitioner" (the portal page, or the ``check`` command, adds them), with a French
``message`` for the screen that is not posted."""

import base64
import datetime
import subprocess
import uuid

from siamo_core.card import session
from siamo_core.exceptions import SiamoError

from . import VERSION
from .errors import AgentError, french
from .reader import Card

# the card's refusal → the contract's failure
FAILURES = {
    "CARD_PIN_WRONG": "pin_wrong",
    "CARD_PIN_BLOCKED": "card_blocked",
    "CARD_FINGERPRINT_MISMATCH": "fingerprint_mismatch",
    "CARD_FINGERPRINT_BLOCKED": "card_blocked",
}


def capture_fingerprint(command):
    """The live sample the sensor's capture command prints on its standard output."""
    if not command:
        raise AgentError("AGENT_NO_FINGERPRINT_SENSOR")
    try:
        done = subprocess.run(command, shell=True, capture_output=True, timeout=30, check=True)
    except (subprocess.SubprocessError, OSError):
        raise AgentError("AGENT_FINGERPRINT_CAPTURE") from None
    if not done.stdout:
        raise AgentError("AGENT_FINGERPRINT_CAPTURE")
    return done.stdout


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _verify(card, pin, fingerprint_command):
    """None when the cardholder is verified, else the card's refusal (a core error)."""
    try:
        if pin is not None:
            session.verify_pin(card.transmit, pin)
        else:
            reference = session.fingerprint_reference(card.transmit)
            if reference is None:
                raise AgentError("CARD_NO_FINGERPRINT")
            sample = capture_fingerprint(fingerprint_command)
            session.verify_fingerprint(card.transmit, sample, reference)
    except SiamoError as error:
        if error.code in FAILURES:
            return error
        raise AgentError(error.code, **error.params, detail=str(error)) from None
    return None


def read_and_verify(config, pin=None, fingerprint=False):
    """The check's payload (with a French ``message``), or :class:`AgentError` when no
    check could be made (no reader, no card, card pulled out, unreadable card)."""
    if pin is None and not fingerprint:
        raise AgentError("AGENT_BAD_REQUEST")
    with Card.wait(config.reader, timeout=config.card_timeout) as card:
        try:
            identity = session.read_identity(card.transmit)
            photo = session.read_photo(card.transmit)
        except SiamoError as error:
            raise AgentError(error.code, **error.params, detail=str(error)) from None
        refusal = _verify(card, pin if not fingerprint else None, config.fingerprint_command)
    return {
        "method": "card_fingerprint" if fingerprint else "card_pin",
        "result": "refused" if refusal else "confirmed",
        "failure": FAILURES[refusal.code] if refusal else None,
        "checked_at": _now(),
        "card": {
            **identity.as_dict(),
            "photo": base64.b64encode(photo).decode("ascii") if photo else None,
        },
        "agent": {"version": VERSION, "reader": card.reader},
        # the check's own id: posted again after a lost answer, SIAMO answers the same check
        "key": str(uuid.uuid4()),
        "message": french(refusal) if refusal else "Identité vérifiée.",
    }
