from datetime import date
from decimal import Decimal

import pytest

from siamo_core.eligibility import Eligibility
from siamo_core.package import Ceilings, PackageLine
from siamo_core.settlement import (
    ACCEPTED,
    REASONS,
    REDUCED,
    REJECTED,
    ClaimedLine,
    FrequencyLimit,
    History,
    Rules,
    Sheet,
    settle,
)
from siamo_core.tariff import AgreementPrice, Item, KeyLetterValue

COVERED = Eligibility(True)
CONSULTATION = Item("C", "consultation", key_letter="C", coefficient=Decimal(1))
SCAN = Item("Z30", "imaging", public_price=40_000)
DENTAL = Item("SC12", "dental", public_price=15_000)
PARACETAMOL = Item("MED-1", "medicine", public_price=1_001)
UNPRICED = Item("X", "consultation")
OFF_LIST = Item("MED-2", "medicine", public_price=500, reimbursable=False)
PACKAGE = (
    PackageLine("gp_consultation", act_class="consultation", rate=Decimal("0.8")),
    PackageLine(
        "imaging",
        act_class="imaging",
        rate=Decimal("0.8"),
        needs_authorization=True,
        ceilings=Ceilings(per_act=30_000),
    ),
    PackageLine(
        "dental_care",
        act_class="dental",
        rate=Decimal("1"),
        ceilings=Ceilings(per_year_beneficiary=20_000, per_year_family=25_000),
    ),
    PackageLine("medicines", act_class="medicine", rate=Decimal("0.7")),
)
RULES = Rules(
    package=PACKAGE,
    key_letter_values=(
        KeyLetterValue("C", "NGAP", 5_000, date(2020, 1, 1)),
        KeyLetterValue("C", "NGAP", 6_000, date(2026, 7, 1)),
    ),
    schedule="NGAP",
    frequency_limits={"consultation": FrequencyLimit(count=2, days=7)},
)


def sheet(*lines, day=date(2026, 3, 2), who="B1", family="F1", provider="P1", **values):
    return Sheet(
        sheet_id=values.pop("sheet_id", "S1"),
        provider=provider,
        beneficiary=who,
        family=family,
        care_date=day,
        rights=values.pop("rights", COVERED),
        lines=tuple(lines),
        **values,
    )


def line(item, claimed, quantity=1):
    return ClaimedLine(item, quantity, claimed)


def only(result):
    [line_result] = result.lines
    return line_result


def test_a_consultation_at_the_tariff_is_accepted_and_split():
    result = only(settle(sheet(line(CONSULTATION, 5_000)), RULES))
    assert (result.status, result.allowed, result.ipm_share, result.copayment) == (
        ACCEPTED,
        5_000,
        4_000,
        1_000,
    )


def test_a_tariff_change_between_two_care_dates():
    before = only(settle(sheet(line(CONSULTATION, 6_000), day=date(2026, 6, 30)), RULES))
    after = only(settle(sheet(line(CONSULTATION, 6_000), day=date(2026, 7, 1)), RULES))
    assert (before.status, before.reasons, before.allowed) == (REDUCED, ("LIQ-OVER-TARIFF",), 5_000)
    assert (after.status, after.allowed) == (ACCEPTED, 6_000)


def test_rounding_half_up_on_odd_amounts_and_share_plus_copayment_is_allowed():
    result = only(settle(sheet(line(PARACETAMOL, 1_001)), RULES))
    assert (result.ipm_share, result.copayment) == (701, 300)  # 700.7 → 701
    for claimed in range(1, 400, 7):
        odd = only(settle(sheet(line(PARACETAMOL, claimed)), RULES))
        assert odd.ipm_share + odd.copayment == odd.allowed == claimed


def test_no_rights_on_the_care_date():
    refused = Eligibility(
        False, ("droits suspendus pour cotisations impayées depuis le 14/01/2027",)
    )
    result = only(settle(sheet(line(CONSULTATION, 5_000), rights=refused), RULES))
    assert (result.status, result.reasons, result.ipm_share) == (REJECTED, ("LIQ-RIGHTS",), 0)
    assert result.labels == ["Pas de droits à la date des soins"]


def test_items_outside_the_package_or_the_list():
    orphan = Item("K", "physiotherapy", public_price=1)
    assert only(settle(sheet(line(orphan, 1)), RULES)).reasons == ("LIQ-NOT-COVERED",)
    assert only(settle(sheet(line(OFF_LIST, 500)), RULES)).reasons == ("LIQ-NOT-COVERED",)


def test_authorization_required_by_the_package_and_the_per_act_ceiling():
    assert only(settle(sheet(line(SCAN, 40_000)), RULES)).reasons == ("LIQ-AUTH",)
    result = only(settle(sheet(line(SCAN, 40_000), authorized=True), RULES))
    assert (result.status, result.reasons) == (REDUCED, ("LIQ-CEILING-ACT",))
    assert (result.ipm_share, result.copayment) == (30_000, 10_000)


def test_no_tariff_and_the_rules_remember_it():
    for _again in range(2):
        assert only(settle(sheet(line(UNPRICED, 100)), RULES)).reasons == ("LIQ-NO-TARIFF",)
    assert RULES.memo[("tariff", UNPRICED, date(2026, 3, 2))] is None


def test_the_agreement_price_and_rate_win():
    rules = Rules(
        package=PACKAGE,
        key_letter_values=RULES.key_letter_values,
        schedule="NGAP",
        agreement_prices={"C": (AgreementPrice("C", 4_000),)},
        coverage_rate=Decimal("0.9"),
    )
    result = only(settle(sheet(line(CONSULTATION, 5_000)), rules))
    assert (result.allowed, result.ipm_share, result.copayment) == (4_000, 3_600, 400)


def test_yearly_ceilings_reached_across_several_sheets_of_a_family():
    history = History()
    first = only(settle(sheet(line(DENTAL, 15_000), who="father"), RULES, history))
    second = only(
        settle(sheet(line(DENTAL, 15_000), who="father", day=date(2026, 4, 1)), RULES, history)
    )
    child = only(settle(sheet(line(DENTAL, 15_000), who="child"), RULES, history))
    assert (first.status, first.ipm_share) == (ACCEPTED, 15_000)
    assert (second.reasons, second.ipm_share, second.copayment) == (
        ("LIQ-CEILING-BENEFICIARY",),
        5_000,
        10_000,
    )
    assert (child.reasons, child.ipm_share) == (("LIQ-CEILING-FAMILY",), 5_000)
    spent = only(settle(sheet(line(DENTAL, 15_000), who="mother"), RULES, history))
    assert (spent.status, spent.ipm_share, spent.copayment) == (REDUCED, 0, 15_000)
    next_year = only(
        settle(sheet(line(DENTAL, 15_000), who="child", day=date(2027, 1, 2)), RULES, history)
    )
    assert next_year.status == ACCEPTED


def test_frequency_limit_over_a_sliding_window():
    history = History()
    days = [date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 8), date(2026, 3, 9)]
    results = [
        only(settle(sheet(line(CONSULTATION, 5_000), day=day, provider=f"P{i}"), RULES, history))
        for i, day in enumerate(days)
    ]
    assert [r.status for r in results] == [ACCEPTED, ACCEPTED, REJECTED, ACCEPTED]
    assert results[2].reasons == ("LIQ-FREQUENCY",)


def test_a_frequency_limit_on_a_class_counts_every_act_of_the_class():
    rules = Rules(package=PACKAGE, frequency_limits={"medicine": FrequencyLimit(count=1, days=7)})
    history = History()
    first = only(settle(sheet(line(PARACETAMOL, 1_001)), rules, history))
    aspirin = Item("MED-3", "medicine", public_price=500)
    next_day = date(2026, 3, 3)
    other = only(settle(sheet(line(aspirin, 500), sheet_id="S2", day=next_day), rules, history))
    assert (first.status, other.status, other.reasons) == (ACCEPTED, REJECTED, ("LIQ-FREQUENCY",))


def test_a_duplicate_across_two_batches_is_rejected():
    history = History()
    first = settle(sheet(line(PARACETAMOL, 1_001), sheet_id="A"), RULES, history)
    again = settle(sheet(line(PARACETAMOL, 1_001), sheet_id="B"), RULES, history)
    other_provider = settle(sheet(line(PARACETAMOL, 1_001), provider="P2"), RULES, history)
    assert only(first).status == ACCEPTED
    assert only(again).reasons == ("LIQ-DUPLICATE",)
    assert only(other_provider).status == ACCEPTED


def test_sheet_totals_and_reproducibility():
    lines = (line(CONSULTATION, 6_000), line(PARACETAMOL, 1_001), line(UNPRICED, 10))
    first = settle(sheet(*lines), RULES)
    assert settle(sheet(*lines), RULES) == first
    assert (first.claimed, first.ipm_share, first.copayment) == (7_011, 4_701, 1_300)


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_reason_has_a_french_label(code):
    assert REASONS[code][0].isupper()


def test_every_reason_code_is_reachable():
    seen = set()
    history = History()
    refused = Eligibility(False, ("x",))
    cases = [
        sheet(line(CONSULTATION, 5_000), rights=refused),
        sheet(line(Item("K", "physiotherapy", public_price=1), 1)),
        sheet(line(SCAN, 40_000)),
        sheet(line(UNPRICED, 1)),
        sheet(line(CONSULTATION, 9_000)),
        sheet(line(SCAN, 40_000), authorized=True),
        sheet(line(DENTAL, 15_000), who="a"),
        sheet(line(DENTAL, 15_000), who="a", day=date(2026, 5, 1)),
        sheet(line(DENTAL, 15_000), who="b", day=date(2026, 5, 2)),
        sheet(line(CONSULTATION, 5_000), day=date(2026, 3, 3), provider="P2"),
        sheet(line(CONSULTATION, 5_000), day=date(2026, 3, 4), provider="P3"),
        sheet(line(SCAN, 40_000), authorized=True),
    ]
    for case in cases:
        for result in settle(case, RULES, history).lines:
            seen.update(result.reasons)
    presence = Rules(package=PACKAGE, presence_classes=frozenset({"medicine"}))
    seen.update(only(settle(sheet(line(PARACETAMOL, 1_001)), presence)).reasons)
    assert seen == set(REASONS)


def test_a_specialist_consultation_is_capped_by_the_specialist_line():
    """The settlement applies the most specific package line: a specialist consultation of
    30 000 at 100 % is capped at the specialist line's 20 000, not the general 10 000."""
    specialist_act = Item(
        "CS", "consultation", public_price=30_000, benefit="specialist_consultation"
    )
    gp_act = Item("C", "consultation", public_price=30_000, benefit="gp_consultation")
    rules = Rules(
        package=(
            PackageLine(
                "gp_consultation",
                act_class="consultation",
                rate=Decimal("1"),
                ceilings=Ceilings(per_act=10_000),
            ),
            PackageLine(
                "specialist_consultation",
                act_class="consultation",
                rate=Decimal("1"),
                ceilings=Ceilings(per_act=20_000),
            ),
        )
    )
    result = settle(
        sheet(ClaimedLine(specialist_act, 1, 30_000), ClaimedLine(gp_act, 1, 30_000)), rules
    )
    specialist, gp = result.lines
    assert (specialist.status, specialist.ipm_share, specialist.copayment) == (
        REDUCED,
        20_000,
        10_000,
    )
    assert specialist.reasons == ("LIQ-CEILING-ACT",)
    assert (gp.ipm_share, gp.copayment) == (10_000, 20_000)


def test_a_class_that_requires_a_proof_of_presence_is_rejected_without_one():
    rules = Rules(package=PACKAGE, schedule="NGAP", presence_classes=frozenset({"medicine"}))
    result = settle(sheet(line(PARACETAMOL, 1_001), line(SCAN, 40_000), authorized=True), rules)
    assert [(one.status, one.reasons) for one in result.lines] == [
        (REJECTED, ("LIQ-PRESENCE",)),
        (REDUCED, ("LIQ-CEILING-ACT",)),
    ]
    assert result.lines[0].labels == ["Preuve de présence requise et absente"]
    present = settle(sheet(line(PARACETAMOL, 1_001), present=True), rules)
    assert only(present).status == ACCEPTED
