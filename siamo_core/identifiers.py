"""Senegalese identifiers: NIN, NINEA and RCCM.

Each ``parse_*`` function normalises its input and returns a small frozen
record, or raises :class:`InvalidIdentifier` with a code and its parameters.
"""

import re
from dataclasses import dataclass
from datetime import date

from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError
from stdnum.sn import ninea as stdnum_ninea

from .exceptions import InvalidIdentifier, Message

_SEPARATORS = re.compile(r"[\s.\-/]")
_NIN = re.compile(r"(?P<sex>[12])(?P<centre>[0-9A-Z]{3})(?P<year>\d{4})(?P<serial>\d{5})")
_NINEA_LEGACY = re.compile(r"\d{10}")
_RCCM = re.compile(r"SN(?P<city>[A-Z]{3})(?P<year>\d{4})(?P<form>[A-Z])(?P<serial>\d{1,6})")
FIRST_NIN_YEAR = 1900


def _compact(value):
    if not isinstance(value, str):
        raise InvalidIdentifier("IDENTIFIER_NOT_TEXT", "An identifier must be a text.")
    return _SEPARATORS.sub("", value).upper()


@dataclass(frozen=True)
class Nin:
    """A national identification number read from a biometric CEDEAO card."""

    number: str
    sex: str  # "M" or "F"
    centre: str
    year: int
    serial: str


def parse_nin(value, today=None):
    """Return the :class:`Nin` of ``value`` or raise :class:`InvalidIdentifier`.

    The NIN has 13 characters: a sex digit (1 man, 2 woman), a 3-character
    civil-registry centre code, the 4-digit year of registration and a 5-digit
    serial.
    """
    number = _compact(value)
    if len(number) != 13:
        raise InvalidIdentifier(
            "NIN_BAD_LENGTH",
            "A NIN has 13 characters; “%(value)s” has %(length)s.",
            value=value,
            length=len(number),
        )
    match = _NIN.fullmatch(number)
    if not match:
        raise InvalidIdentifier(
            "NIN_BAD_FORM",
            "The NIN “%(value)s” does not have the expected form: a sex digit (1 or 2), "
            "a 3-character civil registry centre code, a 4-digit year and a 5-digit serial "
            "number.",
            value=value,
        )
    year = int(match["year"])
    last_year = (today or date.today()).year
    if not FIRST_NIN_YEAR <= year <= last_year:
        raise InvalidIdentifier(
            "NIN_BAD_YEAR",
            "The year %(year)s of the NIN “%(value)s” is not between %(first)s and %(last)s.",
            value=value,
            year=year,
            first=FIRST_NIN_YEAR,
            last=last_year,
        )
    return Nin(
        number=number,
        sex="M" if match["sex"] == "1" else "F",
        centre=match["centre"],
        year=year,
        serial=match["serial"],
    )


def is_valid_nin(value, today=None):
    try:
        parse_nin(value, today=today)
    except InvalidIdentifier:
        return False
    return True


def normalized_nin(value, today=None):
    """The NIN of ``value`` written the one way the records keep it, or None when ``value``
    (whatever its type) is not a valid NIN."""
    try:
        return parse_nin(value, today=today).number
    except InvalidIdentifier:
        return None


NIN_KEY, MEMBER_KEY = "nin", "member_number"


def identifier_key(text, today=None):
    """How a typed text names a beneficiary: ``("nin", NIN)`` when it reads as a valid NIN
    (written as the records keep it), else ``("member_number", text)``, stripped; None when
    the text is blank. The first item is the beneficiary's field to search. A member number
    (``M…``) never reads as a NIN."""
    if not isinstance(text, str):
        raise InvalidIdentifier("IDENTIFIER_NOT_TEXT", "An identifier must be a text.")
    text = text.strip()
    if not text:
        return None
    nin = normalized_nin(text, today=today)
    return (NIN_KEY, nin) if nin else (MEMBER_KEY, text)


@dataclass(frozen=True)
class Ninea:
    """A company identification number (NINEA), with a warning for legacy forms."""

    number: str
    legacy: bool = False
    warning: Message | None = None


def parse_ninea(value):
    """Return the :class:`Ninea` of ``value`` or raise :class:`InvalidIdentifier`.

    Current NINEAs (7 digits, optionally followed by the 3-character tax
    identification code, the COFI) are checked by python-stdnum. The older 10-digit forms
    found in old files are kept with a warning rather than refused.
    """
    compact = _compact(value)
    try:
        return Ninea(number=stdnum_ninea.validate(compact))
    except ValidationError as error:
        if _NINEA_LEGACY.fullmatch(compact):
            return Ninea(
                number=compact,
                legacy=True,
                warning=Message(
                    "NINEA_LEGACY_FORM",
                    "The NINEA “%(value)s” has the old 10-digit form: check it with the ANSD.",
                    value=value,
                ),
            )
        raise _ninea_error(value, error) from error


def _ninea_error(value, error):
    """The :class:`InvalidIdentifier` that says what python-stdnum found wrong."""
    if isinstance(error, InvalidChecksum):
        return InvalidIdentifier(
            "NINEA_BAD_CHECKSUM",
            "The NINEA “%(value)s” is not valid: its check character is wrong.",
            value=value,
        )
    if isinstance(error, InvalidLength):
        return InvalidIdentifier(
            "NINEA_BAD_LENGTH",
            "The NINEA “%(value)s” is not valid: it has 7 digits, then maybe its 3-character "
            "tax code.",
            value=value,
        )
    return InvalidIdentifier(
        "NINEA_BAD_FORM", "The NINEA “%(value)s” is not valid: its form is wrong.", value=value
    )


@dataclass(frozen=True)
class Rccm:
    """A trade and personal property credit register number (RCCM)."""

    number: str
    city: str
    year: int
    form: str
    serial: str


def parse_rccm(value, today=None):
    """Return the :class:`Rccm` of ``value`` (like ``SN-DKR-2015-B-14769``)."""
    compact = _compact(value)
    match = _RCCM.fullmatch(compact)
    if not match:
        raise InvalidIdentifier(
            "RCCM_BAD_FORM",
            "The RCCM “%(value)s” does not have the expected form, for example "
            "SN-DKR-2015-B-14769.",
            value=value,
        )
    year = int(match["year"])
    last_year = (today or date.today()).year
    if not FIRST_NIN_YEAR <= year <= last_year:
        raise InvalidIdentifier(
            "RCCM_BAD_YEAR",
            "The year %(year)s of the RCCM “%(value)s” is not plausible.",
            value=value,
            year=year,
        )
    number = "-".join(("SN", match["city"], match["year"], match["form"], match["serial"]))
    return Rccm(
        number=number,
        city=match["city"],
        year=year,
        form=match["form"],
        serial=match["serial"],
    )
