"""A beneficiary's civil identity as a card, a keyed form or the national identity registry
gives it, and how it compares with the one on file.

The CEDEAO biometric card (Senegalese citizens) carries the NIN; the CMU card (foreigners)
its own number, the NIN being optional. :func:`parse_identity` checks what was read or keyed
and returns an :class:`Identity`, or raises :class:`InvalidIdentity` with a code;
:func:`compare_identity` says which fields of the file disagree (names compared without
accents, case, punctuation, extra spaces or word order) and which the file lacks.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .exceptions import SiamoError
from .identifiers import parse_nin

KINDS = ("cedeao", "cmu")
SEXES = ("F", "M")
# where an identity on file comes from: a card the IPM's staff read at their desk, a card a
# care provider's agent read, the staff's typing, the national registry; "staff" is the
# staff's decision on a conflict
SOURCES = ("card", "provider_card", "keyed", "registry", "staff")
# those that vouch for the identity they give. A provider's agent sends card data nobody
# signed and keyed data is the staff's own typing: both wait for the registry
VOUCHING_SOURCES = ("card", "registry", "staff")
# what the comparison can tell apart, in the order a conflict lists them
COMPARED = ("nin", "name", "surname", "given_names", "birth_date", "sex")
_NOT_A_LETTER = re.compile(r"[^\w]+|_")


class InvalidIdentity(SiamoError):
    """What a card, a form or the registry gave is not an identity SIAMO can record."""


@dataclass(frozen=True)
class Identity:
    """A civil identity: ``kind`` "cedeao" or "cmu", ``number`` the card's number, ``nin``
    (None for a foreigner without one), names, ``birth_date`` and ``sex`` ("F"/"M") when
    known."""

    kind: str
    number: str
    nin: str | None
    surname: str
    given_names: str
    birth_date: date | None = None
    sex: str | None = None

    @property
    def full_name(self):
        return " ".join(part for part in (self.given_names, self.surname) if part)


@dataclass(frozen=True)
class OnFile:
    """What the beneficiary's file holds: ``name`` his full name as the IPM keyed it, the
    surname and given names when an identity was recorded, the rest when known."""

    name: str
    nin: str | None = None
    surname: str | None = None
    given_names: str | None = None
    birth_date: date | None = None
    sex: str | None = None


@dataclass(frozen=True)
class Comparison:
    """``differences``: the fields the file holds otherwise (from :data:`COMPARED`);
    ``missing``: those the file lacks and the identity gives."""

    differences: tuple
    missing: tuple

    @property
    def agrees(self):
        return not self.differences


def normalized_name(text):
    """``text`` as names are compared: no accents, lower case, words separated by one space
    (hyphens, apostrophes and dots separate words)."""
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_A_LETTER.sub(" ", plain.casefold()).split())


def same_name(first, second):
    """Whether two names are the same words, whatever their order ("DIOP Moussa" is "Moussa
    Diop")."""
    return sorted(normalized_name(first).split()) == sorted(normalized_name(second).split())


def _text(data, key):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidIdentity(
            "IDENTITY_NOT_TEXT", "The identity's “%(field)s” must be a text.", field=key
        )
    return " ".join(value.split())


def _birth_date(value, today):
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, date) or value > today:
        raise InvalidIdentity(
            "IDENTITY_BAD_BIRTH_DATE",
            "The birth date %(value)s is not a past date.",
            value=str(value) if value else "?",
        )
    return value


def _sex(value):
    if value in (None, ""):
        return None
    if value not in SEXES:
        raise InvalidIdentity(
            "IDENTITY_BAD_SEX", "The sex “%(value)s” is neither F nor M.", value=str(value)
        )
    return value


def parse_identity(data, today=None):
    """The :class:`Identity` of ``data`` (a dict with kind, number, nin, surname,
    given_names, birth_date as a date or ISO text, sex), or :class:`InvalidIdentity` (or
    the NIN's own :class:`~siamo_core.exceptions.InvalidIdentifier`)."""
    today = today or date.today()
    if not isinstance(data, dict):
        raise InvalidIdentity("IDENTITY_NOT_A_RECORD", "An identity must be a set of fields.")
    kind = data.get("kind")
    if kind not in KINDS:
        raise InvalidIdentity(
            "IDENTITY_BAD_KIND",
            "The card kind “%(value)s” is neither a CEDEAO card nor a CMU card.",
            value=str(kind),
        )
    number, surname = _text(data, "number"), _text(data, "surname")
    nin_text = _text(data, "nin")
    nin = parse_nin(nin_text, today=today) if nin_text else None
    if kind == "cedeao" and nin is None:
        raise InvalidIdentity("IDENTITY_NO_NIN", "A CEDEAO card identity needs its NIN.")
    if kind == "cmu" and not number:
        raise InvalidIdentity("IDENTITY_NO_CMU_NUMBER", "A CMU card identity needs its number.")
    if not surname:
        raise InvalidIdentity("IDENTITY_NO_SURNAME", "An identity needs a surname.")
    sex = _sex(data.get("sex"))
    if nin and sex and sex != nin.sex:
        raise InvalidIdentity(
            "IDENTITY_SEX_NOT_NIN",
            "The sex %(sex)s does not match the NIN %(nin)s, which is that of a %(nin_sex)s.",
            sex=sex,
            nin=nin.number,
            nin_sex=nin.sex,
        )
    return Identity(
        kind=kind,
        number=number,
        nin=nin.number if nin else None,
        surname=surname,
        given_names=_text(data, "given_names"),
        birth_date=_birth_date(data.get("birth_date"), today),
        sex=sex or (nin.sex if nin else None),
    )


def _names(on_file, identity):
    """The name fields that differ: surname and given names apart when the file holds them,
    else the full name as the IPM keyed it."""
    if on_file.surname:
        return tuple(
            field
            for field in ("surname", "given_names")
            if not same_name(getattr(on_file, field) or "", getattr(identity, field))
        )
    return () if same_name(on_file.name, identity.full_name) else ("name",)


def compare_identity(on_file, identity):
    """The :class:`Comparison` of the file ``on_file`` (:class:`OnFile`) with ``identity``
    (:class:`Identity`): a field the file holds otherwise is a difference, never silently
    replaced; a field the file lacks is missing, to fill."""
    differences, missing = list(_names(on_file, identity)), []
    for field in ("nin", "birth_date", "sex"):
        held, given = getattr(on_file, field), getattr(identity, field)
        if given is None:
            continue
        if not held:
            missing.append(field)
        elif held != given:
            differences.append(field)
    if not on_file.surname:
        missing += ["surname", "given_names"]
    order = {field: index for index, field in enumerate(COMPARED)}
    return Comparison(
        differences=tuple(sorted(differences, key=order.get)),
        missing=tuple(sorted(set(missing), key=order.get)),
    )


def identity_state(source, conflict_open, was_confirmed=False, changed=True):
    """The state of a file's identity ("to_confirm", "confirmed" or "conflict") once an
    identity from ``source`` (one of :data:`SOURCES`) that agrees with the file was taken:
    in conflict while a conflict is open; confirmed when the source vouches for it, or when
    the file was confirmed and the source ``changed`` nothing on it; to confirm otherwise."""
    if source not in SOURCES:
        # a caller's mistake, never a user's: no message for a clerk to read
        raise ValueError(source)
    if conflict_open:
        return "conflict"
    if source in VOUCHING_SOURCES or (was_confirmed and not changed):
        return "confirmed"
    return "to_confirm"
