"""Integer FCFA arithmetic.

The franc CFA (XOF) has no subunit: every amount the core returns is an ``int``.
Rates are :class:`~decimal.Decimal` (or strings / ints turned into one) so that
no binary float ever decides a franc; rounding is half up, as accountants do.
"""

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
