"""Errors and reasons of the core: each carries a stable code and its parameters.

The core speaks no user's language: ``str(error)`` is an English sentence for logs and
developers, built from ``template`` and ``params``. The addons translate an error (or a
reason) by its ``code`` (English source string, French in their ``fr.po``) with the same
``params``: ``siamo_referentiel``'s ``core_error_message(env, error)``.

    raise InvalidAmount("AMOUNT_NOT_A_NUMBER", "“%(value)s” is not a number.", value=text)

A code is UPPER_SNAKE, prefixed by its area (``NIN_``, ``AMOUNT_``, ``ROW_``...). A bare
sentence without a code is refused with a :class:`TypeError`.
"""

import re

CODE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")


def _checked(code, template):
    if not isinstance(code, str) or not CODE.fullmatch(code):
        raise TypeError(f"A core message needs an UPPER_SNAKE code, not {code!r}.")
    if not isinstance(template, str):
        raise TypeError(f"The message {code} needs an English template.")
    return code, template


def _render(template, params):
    return template % params if params else template


class Message:
    """A coded sentence that is not an error: a reason in a list, a warning."""

    __slots__ = ("code", "params", "template")

    def __init__(self, code, template, **params):
        self.code, self.template = _checked(code, template)
        self.params = params

    def __str__(self):
        return _render(self.template, self.params)

    def __repr__(self):
        return f"Message({self.code!r}, {self.params!r})"

    def __eq__(self, other):
        if not isinstance(other, Message):
            return NotImplemented
        return (self.code, self.params) == (other.code, other.params)

    def __hash__(self):
        return hash((self.code, tuple(sorted(self.params))))


class SiamoError(ValueError):
    """A rule refused its input."""

    def __init__(self, code, template, **params):
        self.code, self.template = _checked(code, template)
        self.params = params
        super().__init__(_render(template, params))

    @property
    def message(self):
        """The :class:`Message` of this error, to keep in a list of reasons."""
        return Message(self.code, self.template, **self.params)


class InvalidIdentifier(SiamoError):
    """An identifier (NIN, NINEA, RCCM...) does not have a valid form."""


class InvalidAmount(SiamoError):
    """An amount cannot be taken as a whole number of FCFA."""


class CardError(SiamoError):
    """An identity card answered something SIAMO's card profile does not allow (a TLV that
    does not parse, a status word, a field of the wrong form)."""
