from decimal import Decimal

import pytest

from siamo_core.package import (
    COMPULSORY_BENEFITS,
    Ceilings,
    InvalidPackage,
    PackageLine,
    check_package,
    coverage,
    missing_compulsory_benefits,
)

CLASS_OF = {
    "gp_consultation": "consultation",
    "specialist_consultation": "consultation",
    "tests": "biology",
    "imaging": "imaging",
    "medicines": "medicine",
    "dental_care": "dental",
    "delivery": "delivery",
    "optics": "optics",
    "transport": "transport",
    "hospitalisation": "hospitalisation",
}


def full_package(**overrides):
    lines = [PackageLine(code, CLASS_OF[code], rate=Decimal("0.8")) for code in COMPULSORY_BENEFITS]
    return lines + overrides.get("extra", [])


def test_a_complete_package_passes():
    check_package(full_package())
    assert missing_compulsory_benefits(full_package()) == []


def test_missing_compulsory_benefit_is_named():
    lines = [line for line in full_package() if line.benefit not in {"optics", "delivery"}]
    assert missing_compulsory_benefits(lines) == ["delivery", "optics"]
    with pytest.raises(InvalidPackage) as refused:
        check_package(lines)
    assert (refused.value.code, refused.value.params) == (
        "PACKAGE_MISSING_BENEFITS",
        {"benefits": "delivery, optics", "missing": ("delivery", "optics")},
    )


def test_excluded_line_does_not_count_as_cover():
    lines = [line for line in full_package() if line.benefit != "optics"]
    lines.append(PackageLine("optics", "optics", excluded=True))
    assert missing_compulsory_benefits(lines) == ["optics"]


@pytest.mark.parametrize("rate", ["-0.1", "1.01"])
def test_rate_out_of_bounds(rate):
    with pytest.raises(InvalidPackage, match="between 0 and 100 %") as refused:
        check_package(
            full_package(extra=[PackageLine("physiotherapy", "physiotherapy", rate=Decimal(rate))])
        )
    assert (refused.value.code, refused.value.params) == (
        "PACKAGE_BAD_RATE",
        {"rate": (Decimal(rate) * 100).normalize(), "benefit": "physiotherapy"},
    )


def test_coverage_by_class_then_by_item():
    lines = full_package(
        extra=[
            PackageLine(
                "imaging",
                item_code="SCAN-01",
                rate=Decimal("0.5"),
                needs_authorization=True,
                ceilings=Ceilings(per_act=100_000),
            ),
            PackageLine("medicines", item_code="MED-LUXE", excluded=True),
        ]
    )
    radio = coverage(lines, "RADIO-01", "imaging")
    assert (radio.covered, radio.rate, radio.needs_authorization) == (True, Decimal("0.8"), False)
    scan = coverage(lines, "SCAN-01", "imaging")
    assert (scan.rate, scan.needs_authorization, scan.ceilings.per_act) == (
        Decimal("0.5"),
        True,
        100_000,
    )
    assert not coverage(lines, "MED-LUXE", "medicine").covered
    assert coverage(lines, "MED-LUXE", "medicine").reason.code == "PACKAGE_EXCLUDED"


def test_uncovered_class_and_non_reimbursable_product():
    lines = full_package()
    outside = coverage(lines, "KINE-01", "physiotherapy")
    assert (outside.covered, outside.reason.code) == (False, "PACKAGE_NOT_IN_PACKAGE")
    refused = coverage(lines, "MED-002", "medicine", reimbursable=False)
    assert (refused.covered, refused.reason.code) == (False, "PACKAGE_NOT_REIMBURSABLE")
    assert str(refused.reason) == "The product is not reimbursable."


def test_the_most_specific_line_wins_item_then_benefit_then_class():
    """A package with a line for consultations (10 000 a consultation) and a more specific
    line for specialist consultations (20 000): a specialist consultation gets 20 000, in
    whatever order the lines come."""
    general = PackageLine(
        "gp_consultation", act_class="consultation", ceilings=Ceilings(per_act=10_000)
    )
    specialist = PackageLine(
        "specialist_consultation", act_class="consultation", ceilings=Ceilings(per_act=20_000)
    )
    one_act = PackageLine(
        "specialist_consultation",
        act_class="consultation",
        item_code="CS-CARDIO",
        rate=Decimal("1"),
        ceilings=Ceilings(per_act=35_000),
    )
    for lines in ([general, specialist, one_act], [one_act, specialist, general]):
        cs = coverage(lines, "CS", "consultation", benefit="specialist_consultation")
        assert cs.ceilings.per_act == 20_000
        gp = coverage(lines, "C", "consultation", benefit="gp_consultation")
        assert gp.ceilings.per_act == 10_000
        cardio = coverage(lines, "CS-CARDIO", "consultation", benefit="specialist_consultation")
        assert (cardio.ceilings.per_act, cardio.rate) == (35_000, Decimal("1"))
    # an act that names no benefit takes the first line of its class
    assert coverage([general, specialist], "V", "consultation").ceilings.per_act == 10_000
    # a class line of another benefit still covers the class when nothing closer does
    assert coverage([general], "CS", "consultation", benefit="specialist_consultation").covered
