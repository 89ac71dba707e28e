from decimal import Decimal

import pytest

from siamo_core.exceptions import InvalidAmount
from siamo_core.money import allocate, apply_rate, fcfa, format_fcfa, split, to_decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), ("12.5", 13), ("12.49", 12), ("-12.5", -13), (Decimal("7.5"), 8), ("1 250", 1250)],
)
def test_fcfa_rounds_half_up(value, expected):
    assert fcfa(value) == expected


@pytest.mark.parametrize("value", [1.5, True, "abc", "NaN", "Infinity", None])
def test_bad_amounts_refused(value):
    with pytest.raises(InvalidAmount):
        to_decimal(value)


def test_apply_rate_rounds_the_share_half_up():
    assert apply_rate(1005, "0.8") == 804
    assert apply_rate(1001, "0.5") == 501
    assert apply_rate(250_000, "0.07") == 17_500


@pytest.mark.parametrize(("amount", "rate"), [(1001, "0.5"), (3333, "0.8"), (7, "0.333"), (0, "1")])
def test_split_always_sums_to_the_amount(amount, rate):
    share, rest = split(amount, rate)
    assert share + rest == amount
    assert share == apply_rate(amount, rate)


def test_allocate_sums_exactly_and_favours_largest_remainders():
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(10, [1, 2]) == [3, 7]
    parts = allocate(1_000_001, [3, 5, 7, 11])
    assert sum(parts) == 1_000_001


@pytest.mark.parametrize("weights", [[], [0, 0], [1, -1]])
def test_allocate_refuses_bad_weights(weights):
    with pytest.raises(InvalidAmount):
        allocate(100, weights)


def test_format_fcfa():
    assert format_fcfa(1_250_000) == "1\u202f250\u202f000\u202fFCFA"
    assert format_fcfa(-500) == "-500\u202fFCFA"
    assert format_fcfa(1_250_000, "\u00a0") == "1\u00a0250\u00a0000\u00a0FCFA"


def test_amounts_written_with_no_break_spaces():
    from siamo_core.money import fcfa

    assert fcfa("250\u00a0000") == fcfa("250\u202f000") == fcfa("250 000") == 250_000
