"""The cardholder's identity as SIAMO's card profile writes it in EF.IDENTITY, and the
fingerprint reference of EF.BIOMETRY (``PROFILE.md``)."""

from dataclasses import dataclass
from datetime import date

from ..exceptions import CardError
from ..identifiers import parse_nin
from . import tlv

IDENTITY_TEMPLATE = 0x7F20
KIND, NUMBER, NIN, SURNAME, GIVEN_NAMES = 0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25
BIRTH_DATE, SEX, EXPIRY = 0xDF26, 0xDF27, 0xDF28
PHOTO = 0xDF30
BIOMETRIC_TEMPLATE = 0x7F60
BIOMETRIC_TYPE, BIOMETRIC_SUBTYPE, BIOMETRIC_REFERENCE = 0x81, 0x82, 0x83
FINGERPRINT = 0x08  # ISO 7816-11 / CBEFF biometric type
KINDS = {"CEDEAO": "cedeao", "CMU": "cmu"}


@dataclass(frozen=True)
class CardIdentity:
    kind: str  # "cedeao" (citizen) or "cmu" (foreigner)
    number: str
    nin: str | None  # a CMU card of a foreigner may carry none
    surname: str
    given_names: str
    birth_date: date
    sex: str  # "M" or "F"
    expiry: date

    def as_dict(self):
        """The ``card`` object of the identity-check payload (dates in ISO form)."""
        return {
            "kind": self.kind,
            "number": self.number,
            "nin": self.nin,
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "expiry": self.expiry.isoformat(),
        }


def _top(data, tag):
    objects = tlv.parse(data)
    if not objects or objects[0].tag != tag:
        raise CardError(
            "CARD_BAD_TEMPLATE",
            "The card's file does not hold the template %(tag)s its profile expects.",
            tag=tlv.tag_text(tag),
        )
    return objects[0]


def _text(template, tag, required=True):
    found = template.find(tag)
    try:
        text = found.value.decode("utf-8").strip() if found else ""
    except UnicodeDecodeError:
        raise CardError(
            "CARD_FIELD_NOT_TEXT",
            "The card's field %(tag)s is not UTF-8 text.",
            tag=tlv.tag_text(tag),
        ) from None
    if required and not text:
        raise CardError(
            "CARD_FIELD_MISSING",
            "The card's identity file has no field %(tag)s.",
            tag=tlv.tag_text(tag),
        )
    return text or None


def _date(template, tag):
    text = _text(template, tag)
    try:
        if not (len(text) == 8 and text.isascii() and text.isdigit()):
            raise ValueError(text)
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise CardError(
            "CARD_BAD_DATE",
            "The card's date “%(value)s” (field %(tag)s) is not a date written YYYYMMDD.",
            value=text,
            tag=tlv.tag_text(tag),
        ) from None


def _choice(template, tag, allowed):
    text = _text(template, tag)
    if text.upper() not in allowed:
        raise CardError(
            "CARD_BAD_VALUE",
            "The card's field %(tag)s holds “%(value)s”, not one of %(allowed)s.",
            tag=tlv.tag_text(tag),
            value=text,
            allowed=", ".join(sorted(allowed)),
        )
    return text.upper()


def parse_identity(data, today=None):
    """The :class:`CardIdentity` of EF.IDENTITY's bytes, or a coded error."""
    template = _top(data, IDENTITY_TEMPLATE)
    kind = KINDS[_choice(template, KIND, KINDS)]
    nin = _text(template, NIN, required=kind == "cedeao")
    return CardIdentity(
        kind=kind,
        number=_text(template, NUMBER),
        nin=parse_nin(nin, today=today).number if nin else None,
        surname=_text(template, SURNAME),
        given_names=_text(template, GIVEN_NAMES),
        birth_date=_date(template, BIRTH_DATE),
        sex=_choice(template, SEX, {"M", "F"}),
        expiry=_date(template, EXPIRY),
    )


def encode_identity(identity):
    """EF.IDENTITY's bytes for ``identity`` (what a card personalisation writes)."""
    fields = [
        (KIND, identity.kind.upper()),
        (NUMBER, identity.number),
        (NIN, identity.nin),
        (SURNAME, identity.surname),
        (GIVEN_NAMES, identity.given_names),
        (BIRTH_DATE, identity.birth_date.strftime("%Y%m%d")),
        (SEX, identity.sex),
        (EXPIRY, identity.expiry.strftime("%Y%m%d")),
    ]
    return tlv.encode(
        IDENTITY_TEMPLATE,
        [tlv.encode(tag, text.encode("utf-8")) for tag, text in fields if text],
    )


def parse_photo(data):
    """The JPEG of EF.PHOTO's bytes."""
    return _top(data, PHOTO).value


def encode_photo(jpeg):
    return tlv.encode(PHOTO, bytes(jpeg))


def parse_fingerprint_reference(data):
    """The key reference (P2 of VERIFY) of the card's fingerprint, from EF.BIOMETRY."""
    template = _top(data, BIOMETRIC_TEMPLATE)
    kind, reference = template.find(BIOMETRIC_TYPE), template.find(BIOMETRIC_REFERENCE)
    if not (
        kind and kind.value == bytes([FINGERPRINT]) and reference and len(reference.value) == 1
    ):
        raise CardError("CARD_NO_FINGERPRINT", "This card does not verify fingerprints.")
    return reference.value[0]


def encode_fingerprint_reference(reference, finger=0x02):
    """EF.BIOMETRY's bytes: a fingerprint (``finger`` as ISO 19794-2 numbers them, 02 the
    right index) whose template the card keeps under key ``reference``."""
    return tlv.encode(
        BIOMETRIC_TEMPLATE,
        [
            tlv.encode(BIOMETRIC_TYPE, bytes([FINGERPRINT])),
            tlv.encode(BIOMETRIC_SUBTYPE, bytes([finger])),
            tlv.encode(BIOMETRIC_REFERENCE, bytes([reference])),
        ],
    )
