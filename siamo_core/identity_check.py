"""An identity check at the point of care, as the card-reader agent or the provider's portal
page sends it (the contract of ``POST /siamo/api/v1/identity-checks``), read into plain values
before anything is written; and the few rules that need what the database found (which
beneficiary, whether his card was read).

Every refusal is an :class:`InvalidIdentityCheck` with a code and the path of the field it is
about; :func:`http_status` says how the API answers it.
"""

import base64
import binascii
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .exceptions import SiamoError
from .identifiers import parse_nin

METHODS = ("card_pin", "card_fingerprint", "member_card_qr", "visual")
CARD_METHODS = ("card_pin", "card_fingerprint")
RESULTS = ("confirmed", "refused")
FAILURES = ("pin_wrong", "card_blocked", "fingerprint_mismatch")
# what can go wrong with each method: the card blocks after too many attempts of either
FAILURES_OF_METHOD = {
    "card_pin": ("pin_wrong", "card_blocked"),
    "card_fingerprint": ("fingerprint_mismatch", "card_blocked"),
    "member_card_qr": (),
    "visual": (),
}
CHANNELS = ("api", "portal", "backend")
CARD_KINDS = ("cedeao", "cmu")
SEXES = ("F", "M")
FIELDS = (
    "beneficiary",
    "method",
    "result",
    "failure",
    "reason",
    "practitioner",
    "checked_at",
    "card",
    "agent",
    "key",
)
CARD_FIELDS = (
    "kind",
    "number",
    "nin",
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "expiry",
    "photo",
)
AGENT_FIELDS = ("version", "reader")
# the agent's clock may run a little ahead of the server's; a check older than the proof's
# window is of no use to a care sheet
CLOCK_SKEW = timedelta(minutes=5)
MAX_AGE = timedelta(hours=24)
MAX_PHOTO_BYTES = 64 * 1024
REFERENCE_PREFIX = "IDC-"
# the status of each refusal the API answers otherwise than 400 (a bad body)
STATUS = {
    "IDC_NOT_A_PROVIDER": 403,
    "IDC_BENEFICIARY_UNKNOWN": 404,
    "IDC_BENEFICIARY_AMBIGUOUS": 409,
    "IDC_KEY_BUSY": 409,
}


class InvalidIdentityCheck(SiamoError):
    """An identity check that cannot be recorded: nothing is written."""


@dataclass(frozen=True)
class CardRead:
    """What the card gave (its photo is checked, not kept: the beneficiary's file has his)."""

    kind: str
    number: str
    nin: str = ""
    surname: str = ""
    given_names: str = ""
    birth_date: date | None = None
    sex: str = ""
    expiry: date | None = None


@dataclass(frozen=True)
class IdentityCheck:
    """An identity check read from its payload; ``checked_at`` is naive UTC, as Odoo stores
    it; ``beneficiary`` is ``("nin", number)`` or ``("member_number", number)``."""

    beneficiary: tuple
    method: str
    result: str
    checked_at: datetime
    failure: str = ""
    reason: str = ""
    practitioner: str = ""
    card: CardRead | None = None
    agent_version: str = ""
    reader: str = ""
    # the agent's own id of the check (a UUID it draws when it reads the card): the same
    # key posted again by the same provider is the same check, answered as the first time
    key: str = ""

    @property
    def confirmed(self):
        return self.result == "confirmed"


def new_reference():
    """A proof reference nobody can guess: 96 random bits."""
    return REFERENCE_PREFIX + secrets.token_hex(12).upper()


def http_status(error):
    """The HTTP status the API answers an :class:`InvalidIdentityCheck` with."""
    return STATUS.get(error.code, 400)


# ---------------------------------------------------------------------------- reading


def _object(value, path, fields):
    if not isinstance(value, dict):
        raise InvalidIdentityCheck(
            "IDC_NOT_AN_OBJECT", "%(path)s must be a JSON object.", path=path
        )
    for key in value:
        if key not in fields:
            raise InvalidIdentityCheck(
                "IDC_UNKNOWN_FIELD",
                "%(path)s is not a field of an identity check.",
                path=f"{path}/{key}" if path != "(body)" else str(key),
            )
    return value


def _text(value, path, limit, required=False):
    """A stripped text of at most ``limit`` characters; "" for null when not required."""
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        raise InvalidIdentityCheck(
            "IDC_NOT_TEXT",
            "%(path)s must be a text of 1 to %(limit)s characters.",
            path=path,
            limit=limit,
        )
    return value.strip()


def _choice(value, path, choices, required=True):
    if value is None and not required:
        return ""
    if value not in choices:
        raise InvalidIdentityCheck(
            "IDC_BAD_CHOICE",
            "%(path)s: “%(value)s” is not one of %(choices)s.",
            path=path,
            value=str(value)[:40],
            choices=", ".join(choices),
        )
    return value


def _date(value, path):
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidIdentityCheck(
            "IDC_BAD_DATE",
            "%(path)s: “%(value)s” is not a date written YYYY-MM-DD.",
            path=path,
            value=str(value)[:40],
        ) from None


def _nin(value, path):
    number = _text(value, path, 32, required=True)
    return parse_nin(number).number


def _moment(value, received_at):
    """The agent's time of the check as naive UTC; the server's when none is given."""
    if value is None:
        return received_at
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(value)
    except ValueError:
        raise InvalidIdentityCheck(
            "IDC_BAD_TIME",
            "checked_at: “%(value)s” is not a time with its zone in ISO 8601, such as "
            "2026-12-03T10:15:00Z.",
            value=str(value)[:40],
        ) from None
    moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    if moment > received_at + CLOCK_SKEW:
        raise InvalidIdentityCheck(
            "IDC_TIME_FUTURE",
            "The check is dated %(checked_at)s UTC, after the server's clock (%(received_at)s "
            "UTC): set the agent's clock.",
            checked_at=moment.isoformat(timespec="seconds"),
            received_at=received_at.isoformat(timespec="seconds"),
        )
    if moment < received_at - MAX_AGE:
        raise InvalidIdentityCheck(
            "IDC_TIME_STALE",
            "The check is dated %(checked_at)s UTC, more than 24 hours before the server "
            "received it.",
            checked_at=moment.isoformat(timespec="seconds"),
        )
    return moment


def _beneficiary(value):
    person = _object(value, "beneficiary", ("nin", "member_number"))
    if person.get("nin") is not None:
        return ("nin", _nin(person["nin"], "beneficiary/nin"))
    if person.get("member_number") is not None:
        number = _text(person["member_number"], "beneficiary/member_number", 32, required=True)
        return ("member_number", number)
    raise InvalidIdentityCheck(
        "IDC_NO_BENEFICIARY", "Name the beneficiary by his NIN or his member number."
    )


def _photo(value):
    if value is None:
        return
    try:
        if not isinstance(value, str) or len(value) > MAX_PHOTO_BYTES * 4 // 3 + 4:
            raise ValueError(value)
        base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        raise InvalidIdentityCheck(
            "IDC_BAD_PHOTO",
            "card/photo must be a JPEG in base64 of at most %(limit)s kB, or null.",
            limit=MAX_PHOTO_BYTES // 1024,
        ) from None


def _card(value):
    if value is None:
        return None
    card = _object(value, "card", CARD_FIELDS)
    _photo(card.get("photo"))
    return CardRead(
        kind=_choice(card.get("kind"), "card/kind", CARD_KINDS),
        number=_text(card.get("number"), "card/number", 32, required=True),
        nin=_nin(card["nin"], "card/nin") if card.get("nin") is not None else "",
        surname=_text(card.get("surname"), "card/surname", 128),
        given_names=_text(card.get("given_names"), "card/given_names", 128),
        birth_date=_date(card.get("birth_date"), "card/birth_date"),
        sex=_choice(card.get("sex"), "card/sex", SEXES, required=False),
        expiry=_date(card.get("expiry"), "card/expiry"),
    )


def _check_outcome(method, result, failure, reason, card):
    """What the method, the result, the failure, the reason and the card say together."""
    if failure and result == "confirmed":
        raise InvalidIdentityCheck(
            "IDC_FAILURE_CONFIRMED", "A confirmed check has no failure: failure is null."
        )
    if failure and failure not in FAILURES_OF_METHOD[method]:
        raise InvalidIdentityCheck(
            "IDC_FAILURE_METHOD",
            "The failure “%(failure)s” cannot happen in a check of method “%(method)s”.",
            failure=failure,
            method=method,
        )
    if method == "visual" and not reason:
        raise InvalidIdentityCheck(
            "IDC_REASON_REQUIRED", "A visual check gives its reason (why no card was read)."
        )
    if method in CARD_METHODS and result == "confirmed" and card is None:
        raise InvalidIdentityCheck(
            "IDC_CARD_REQUIRED",
            "A check confirmed by the card gives what the card read (card).",
        )


def parse_identity_check(payload, received_at):
    """The :class:`IdentityCheck` of ``payload`` (the decoded JSON body), received at
    ``received_at`` (naive UTC), or :class:`InvalidIdentityCheck`
    (:class:`~siamo_core.exceptions.InvalidIdentifier` for a NIN of a wrong form)."""
    body = _object(payload, "(body)", FIELDS)
    for required in ("beneficiary", "method", "result"):
        if body.get(required) is None:
            raise InvalidIdentityCheck("IDC_MISSING", "%(path)s is missing.", path=required)
    beneficiary = _beneficiary(body["beneficiary"])
    method = _choice(body["method"], "method", METHODS)
    result = _choice(body["result"], "result", RESULTS)
    failure = _choice(body.get("failure"), "failure", FAILURES, required=False)
    reason = _text(body.get("reason"), "reason", 500)
    card = _card(body.get("card"))
    _check_outcome(method, result, failure, reason, card)
    agent = _object(body.get("agent") or {}, "agent", AGENT_FIELDS)
    return IdentityCheck(
        beneficiary=beneficiary,
        method=method,
        result=result,
        checked_at=_moment(body.get("checked_at"), received_at),
        failure=failure,
        reason=reason,
        practitioner=_text(body.get("practitioner"), "practitioner", 128),
        card=card,
        agent_version=_text(agent.get("version"), "agent/version", 32),
        reader=_text(agent.get("reader"), "agent/reader", 128),
        key=_text(body.get("key"), "key", 64),
    )


# ---------------------------------------------------------------------------- the records


def key_in_use():
    """The refusal of a check sent under the key of another being recorded at the same
    instant: sent again, it is answered as that one."""
    return InvalidIdentityCheck(
        "IDC_KEY_BUSY", "A check with this key is being recorded: send it again in a moment."
    )


def check_provider(is_provider):
    """Only a care provider (known to the referentials by its code) records a check."""
    if not is_provider:
        raise InvalidIdentityCheck(
            "IDC_NOT_A_PROVIDER", "Only a care provider records identity checks."
        )


def checked_channel(channel):
    """``channel`` when it is one a check comes through."""
    if channel not in CHANNELS:
        raise InvalidIdentityCheck(
            "IDC_BAD_CHANNEL", "“%(value)s” is not a channel of identity checks.", value=channel
        )
    return channel


def choose_beneficiary(candidates, agreement_ipms, named):
    """Of ``candidates``, the ``(beneficiary, IPM)`` pairs the payload names, the one of an
    IPM among ``agreement_ipms`` (those the provider has an agreement in force with)."""
    # one answer whether nobody has the NIN or another IPM covers him: a provider learns
    # nothing of the beneficiaries of the IPMs it has no agreement with
    mine = [beneficiary for beneficiary, ipm in candidates if ipm in agreement_ipms]
    if not mine:
        raise InvalidIdentityCheck(
            "IDC_BENEFICIARY_UNKNOWN",
            "No beneficiary of an IPM you have an agreement in force with has the NIN or "
            "member number “%(value)s”.",
            value=named,
        )
    if len(mine) > 1:
        raise InvalidIdentityCheck(
            "IDC_BENEFICIARY_AMBIGUOUS",
            "Several beneficiaries have the NIN “%(value)s”: name him by his member number.",
            value=named,
        )
    return mine[0]


def check_card_holder(check, beneficiary_nin):
    """A check confirmed with a card is the card holder's: the NIN the card gave is the
    beneficiary's, when both are known."""
    card = check.card
    if check.confirmed and card and card.nin and beneficiary_nin and card.nin != beneficiary_nin:
        raise InvalidIdentityCheck(
            "IDC_CARD_OTHER_HOLDER",
            "The card read belongs to the NIN %(card_nin)s, not to the beneficiary's.",
            card_nin=card.nin,
        )
