"""Integer FCFA arithmetic.

The franc CFA (XOF) has no subunit: every amount the core returns is an ``int``.
Rates are :class:`~decimal.Decimal` (or strings / ints turned into one) so that
no binary float ever decides a franc; rounding is half up, as accountants do.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .exceptions import InvalidAmount

CURRENCY = "XOF"
_NARROW_NBSP = "\u202f"


def to_decimal(value):
    """Return ``value`` as a Decimal; floats are refused because they are not exact."""
    if isinstance(value, bool | float):
        raise InvalidAmount(
            "AMOUNT_FLOAT_REFUSED",
            "The value %(value)r must be given as an integer, a Decimal or a text, not as a "
            "floating-point number.",
            value=value,
        )
    try:
        digits = str(value).strip().replace(" ", "").replace(_NARROW_NBSP, "")
        result = Decimal(digits.replace("\u00a0", ""))
    except InvalidOperation as error:
        raise InvalidAmount(
            "AMOUNT_NOT_A_NUMBER", "“%(value)s” is not a number.", value=value
        ) from error
    if not result.is_finite():
        raise InvalidAmount("AMOUNT_NOT_FINITE", "“%(value)s” is not a finite number.", value=value)
    return result


def fcfa(value):
    """Return ``value`` rounded half up to a whole number of francs."""
    return int(to_decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def apply_rate(amount, rate):
    """Return ``amount × rate`` rounded half up to the franc (rate 0.8 = 80 %)."""
    return fcfa(to_decimal(fcfa(amount)) * to_decimal(rate))


def split(amount, rate):
    """Split ``amount`` into ``(share, rest)`` where ``share = amount × rate``.

    ``share + rest == amount`` always holds, whatever the rounding.
    """
    total = fcfa(amount)
    share = apply_rate(total, rate)
    return share, total - share


def allocate(amount, weights):
    """Split ``amount`` in proportion to ``weights``, the parts summing to it exactly.

    Uses the largest-remainder method; ties go to the earliest weight.
    """
    total = fcfa(amount)
    weights = [to_decimal(weight) for weight in weights]
    if any(weight < 0 for weight in weights):
        raise InvalidAmount(
            "AMOUNT_NEGATIVE_WEIGHT", "The weights of an allocation cannot be negative."
        )
    weight_sum = sum(weights)
    if not weights or weight_sum == 0:
        raise InvalidAmount(
            "AMOUNT_NO_WEIGHT", "An allocation needs at least one weight that is not zero."
        )
    exact = [total * weight / weight_sum for weight in weights]
    parts = [int(value.to_integral_value(rounding="ROUND_FLOOR")) for value in exact]
    by_remainder = sorted(
        range(len(parts)), key=lambda index: (-(exact[index] - parts[index]), index)
    )
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def format_fcfa(amount, space=_NARROW_NBSP):
    """Return ``amount`` written the French way, for example ``1 250 000 FCFA``.

    ``space`` separates the thousands; PDF standard fonts lack the narrow no-break space,
    so a PDF asks for the plain no-break space (U+00A0) instead.
    """
    value = fcfa(amount)
    digits = f"{abs(value):,}".replace(",", space)
    sign = "-" if value < 0 else ""
    return f"{sign}{digits}{space}FCFA"


# ---------------------------------------------------------------------------- typed amounts

# The largest PostgreSQL ``integer``: Odoo stores FCFA amounts in Integer fields.
MAX_TYPED_FCFA = 2_147_483_647
_SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space
_PLAIN = re.compile(r"[0-9]+")
_SPACE_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f][0-9]{3})+")
_DOT_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_DIGITS_AND_SEPARATORS = re.compile(r"[0-9 \u00a0\u202f.]+")


def parse_fcfa(text, maximum=MAX_TYPED_FCFA):
    """Return the whole number of FCFA a person typed, or raise :class:`InvalidAmount`.

    The one reader of every amount a person types (portal forms, text cells of a file).
    Accepted: plain digits (``250000``), digits grouped by three with a space, a no-break
    space or a narrow no-break space (``250 000``), or with a dot (``250.000``, as French
    keyboards and spreadsheets write thousands). Refused, never guessed: a comma or a dot
    that could be decimals (``250,5``, ``250.5``, ``1.2345``), groups that are not of three
    (``2 50 000``), mixed separators, a sign, an empty text, anything but digits, and more
    than ``maximum`` francs. An ``int`` (not a bool) is taken as it is, under the same limits.
    """
    if isinstance(text, int) and not isinstance(text, bool):
        return _within_limits(text, str(text), maximum)
    if not isinstance(text, str):
        raise InvalidAmount("AMOUNT_NOT_TEXT", "%(value)r is not a typed amount.", value=text)
    value = text.strip()
    if not value:
        raise InvalidAmount("AMOUNT_EMPTY", "No amount was given.")
    if value[0] == "-" and _DIGITS_AND_SEPARATORS.fullmatch(value[1:].strip()):
        raise InvalidAmount(
            "AMOUNT_NEGATIVE", "“%(value)s” is negative: an amount is 0 or more.", value=value
        )
    if "," in value:
        raise InvalidAmount(
            "AMOUNT_HAS_COMMA",
            "“%(value)s” has a comma: an amount in FCFA is a whole number of francs, "
            "written 250000, 250 000 or 250.000.",
            value=value,
        )
    if not _DIGITS_AND_SEPARATORS.fullmatch(value):
        raise InvalidAmount("AMOUNT_NOT_A_NUMBER", "“%(value)s” is not a number.", value=value)
    if _PLAIN.fullmatch(value):
        return _within_limits(int(value), value, maximum)
    has_dot = "." in value
    if has_dot and any(space in value for space in _SPACES):
        raise InvalidAmount(
            "AMOUNT_MIXED_SEPARATORS",
            "“%(value)s” mixes dots and spaces: group the digits by three with one of them, "
            "such as 250 000 or 250.000.",
            value=value,
        )
    if has_dot and not _DOT_GROUPED.fullmatch(value):
        raise InvalidAmount(
            "AMOUNT_AMBIGUOUS_DOT",
            "“%(value)s”: a dot may only separate groups of three digits, such as 250.000; "
            "an amount in FCFA has no decimals.",
            value=value,
        )
    if not has_dot and not _SPACE_GROUPED.fullmatch(value):
        raise InvalidAmount(
            "AMOUNT_BAD_GROUPING",
            "“%(value)s”: the digits of an amount are grouped by three, such as 1 250 000.",
            value=value,
        )
    digits = "".join(character for character in value if character.isdigit())
    return _within_limits(int(digits), value, maximum)


def _within_limits(amount, value, maximum):
    if amount < 0:
        raise InvalidAmount(
            "AMOUNT_NEGATIVE", "“%(value)s” is negative: an amount is 0 or more.", value=value
        )
    if maximum is not None and amount > maximum:
        raise InvalidAmount(
            "AMOUNT_TOO_LARGE",
            "“%(value)s” is more than %(maximum)s FCFA.",
            value=value,
            maximum=format_fcfa(maximum, space=" ").removesuffix(" FCFA"),
        )
    return amount
