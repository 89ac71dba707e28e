"""Errors raised by the core: each carries a stable code and its parameters.

The core speaks no user's language: ``str(error)`` is an English sentence for logs and
developers, built from ``template`` and ``params``. The addons translate an error by its
``code`` (English source string, French in their ``fr.po``) with the same ``params``.

    raise InvalidAmount("AMOUNT_NOT_A_NUMBER", "“%(value)s” is not a number.", value=text)
"""


class SiamoError(ValueError):
    """A rule refused its input."""

    def __init__(self, code, template=None, **params):
        if template is None:  # legacy: a bare sentence, being converted to codes
            code, template = None, code
        self.code = code
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)


class InvalidIdentifier(SiamoError):
    """An identifier (NIN, NINEA, RCCM...) does not have a valid form."""


class InvalidAmount(SiamoError):
    """An amount cannot be taken as a whole number of FCFA."""
