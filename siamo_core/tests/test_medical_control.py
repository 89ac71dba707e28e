from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siamo_core.medical_control import (
    REASONS,
    ControlRules,
    SettledSheet,
    control_sample,
    dominant_act_class,
    drawn,
)

DAY = date(2026, 11, 2)
NONE = ControlRules(random_rate=Decimal(0), amount_threshold=None, max_providers_per_day=99)


def sheet(sheet_id, provider="P1", amount=10_000, who="B1", act_class="consultation", **values):
    return SettledSheet(
        sheet_id, provider, who, values.pop("day", DAY), act_class, amount, **values
    )


def test_the_random_draw_is_reproducible_and_near_its_rate():
    ids = [f"S{index}" for index in range(20_000)]
    taken = [sheet_id for sheet_id in ids if drawn(sheet_id, Decimal("0.05"))]
    assert 800 < len(taken) < 1_200
    assert taken == [sheet_id for sheet_id in ids if drawn(sheet_id, Decimal("0.05"))]
    assert taken != [sheet_id for sheet_id in ids if drawn(sheet_id, Decimal("0.05"), seed="2027")]


def test_high_amounts_are_sampled_from_the_threshold_on():
    rules = ControlRules(random_rate=Decimal(0), amount_threshold=200_000)
    sample = control_sample([sheet("A", amount=199_999), sheet("B", amount=200_000)], rules)
    assert sample == {"B": ("CTRL-AMOUNT",)}


def test_a_provider_far_above_its_peers_for_an_act_class():
    sheets = [sheet(f"P1-{i}", "P1", 10_000) for i in range(5)]
    sheets += [sheet(f"P2-{i}", "P2", 10_500) for i in range(5)]
    sheets += [sheet(f"P3-{i}", "P3", 16_000) for i in range(2)]
    sheets += [sheet("P3-x", "P3", 5_000, act_class="medicine")]
    sample = control_sample(sheets, NONE)
    assert set(sample) == {"P3-0", "P3-1"}
    assert sample["P3-0"] == ("CTRL-PEER",)


def test_fraud_rules_flag_what_the_settlement_found():
    sample = control_sample(
        [
            sheet("T", settlement_reasons=frozenset({"LIQ-OVER-TARIFF"})),
            sheet("F", settlement_reasons=frozenset({"LIQ-FREQUENCY", "LIQ-NOT-COVERED"})),
            sheet("OK", settlement_reasons=frozenset({"LIQ-CEILING-ACT"})),
        ],
        NONE,
    )
    assert sample == {"T": ("CTRL-OVER-TARIFF",), "F": ("CTRL-FREQUENCY", "CTRL-OUTSIDE")}


def test_a_beneficiary_seen_by_many_providers_the_same_day():
    rules = ControlRules(random_rate=Decimal(0), amount_threshold=None, max_providers_per_day=2)
    sheets = [sheet(f"S{i}", f"P{i}", who="B9") for i in range(3)]
    sheets.append(sheet("other-day", "P1", who="B9", day=date(2026, 11, 3)))
    sample = control_sample(sheets, rules)
    assert set(sample) == {"S0", "S1", "S2"}
    assert all(reasons == ("CTRL-MANY-PROVIDERS",) for reasons in sample.values())


def test_every_reason_has_a_french_label():
    assert all(label[0].isupper() for label in REASONS.values())


def test_a_reduction_takes_from_the_largest_lines_first():
    from siamo_core.medical_control import reduce_shares

    assert reduce_shares([1_000, 4_000, 2_500], 3_000) == [1_000, 0, 2_000]
    assert reduce_shares([1_000, 1_000], 1_500) == [500, 1_000]
    assert reduce_shares([700], 0) == [0]
    with pytest.raises(ValueError):
        reduce_shares([700], 800)


def test_a_sheet_is_sorted_under_the_class_of_most_of_its_amount():
    lines = [("consultation", 6_000), ("medicine", 4_000), ("medicine", 3_000)]
    assert dominant_act_class(lines) == "medicine"
    assert dominant_act_class([("imaging", 40_000)]) == "imaging"
    assert dominant_act_class(iter(lines[:2])) == "consultation"
    assert dominant_act_class([]) == ""


def test_of_equal_amounts_the_class_of_the_earliest_line_wins():
    assert dominant_act_class([("medicine", 500), ("dental", 1_000), ("medicine", 500)]) == (
        "medicine"
    )
    assert dominant_act_class([("dental", 1_000), ("medicine", 1_000)]) == "dental"
    assert dominant_act_class([("medicine", 0), ("dental", 0)]) == "medicine"


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(0, 10_000)), max_size=8))
def test_the_dominant_class_sums_the_most_and_comes_first_of_those(lines):
    chosen = dominant_act_class(lines)
    if not lines:
        assert chosen == ""
        return
    sums = {act_class: sum(a for c, a in lines if c == act_class) for act_class, _a in lines}
    best = max(sums.values())
    assert sums[chosen] == best
    first = next(act_class for act_class, _a in lines if sums[act_class] == best)
    assert chosen == first
