"""Errors raised by the core, each carrying a French message for the end user."""


class SiamoError(ValueError):
    """A rule refused its input; ``str(error)`` is a French sentence for the user."""


class InvalidIdentifier(SiamoError):
    """An identifier (NIN, NINEA, RCCM...) does not have a valid form."""


class InvalidAmount(SiamoError):
    """An amount cannot be taken as a whole number of FCFA."""
