from datetime import date, datetime, timezone

import pytest

from siamo_core.fse import check_document
from siamo_core.fse.fhir import from_claim, to_claim
from siamo_core.presence import (
    Proof,
    care_window,
    presence_missing,
    presence_rejection,
    proof_reference,
    required_classes,
)

from .test_fse import sheet

CARE = date(2026, 12, 3)


def proof(checked_at=datetime(2026, 12, 3, 9, 0), **changes):
    values = {"beneficiary": "7", "provider": "3", "confirmed": True, "checked_at": checked_at}
    return Proof(**{**values, **changes})


def code(found, **where):
    values = {"beneficiary": "7", "provider": "3", "care_date": CARE, "reference": "IDC-1"}
    rejection = presence_rejection(found, **{**values, **where})
    return rejection and rejection.code


def test_a_confirmed_check_of_the_beneficiary_by_the_provider_that_day_proves_presence():
    assert code(proof()) is None


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (None, "FSE-PRESENCE-UNKNOWN"),
        (proof(beneficiary="8"), "FSE-PRESENCE-MISMATCH"),
        (proof(provider="4"), "FSE-PRESENCE-MISMATCH"),
        (proof(provider="4", confirmed=False), "FSE-PRESENCE-MISMATCH"),
        (proof(confirmed=False), "FSE-PRESENCE-REFUSED"),
        (proof(datetime(2026, 12, 1, 23, 59)), "FSE-PRESENCE-EXPIRED"),
        (proof(datetime(2026, 12, 4, 0, 0)), "FSE-PRESENCE-EXPIRED"),
    ],
)
def test_a_proof_that_does_not_prove_presence_says_why(found, expected):
    assert code(found) == expected


def test_the_window_is_the_care_day_in_dakar_and_the_24_hours_before():
    first, last = care_window(CARE)
    assert first == datetime(2026, 12, 2, 0, 0, tzinfo=timezone.utc)
    assert last == datetime(2026, 12, 4, 0, 0, tzinfo=timezone.utc)
    assert code(proof(datetime(2026, 12, 2, 0, 0))) is None
    assert code(proof(datetime(2026, 12, 3, 23, 59, 59, tzinfo=timezone.utc))) is None
    rejection = presence_rejection(proof(datetime(2026, 11, 30, 8, 0)), "7", "3", CARE, "R")
    assert rejection.detail == "R : 2026-11-30T08:00Z"
    assert rejection.label == "Contrôle d'identité hors des 24 heures qui précèdent les soins"


def test_only_an_identity_check_proof_is_verified():
    assert proof_reference({"presence_proof": {"kind": "identity_check", "reference": "X"}}) == "X"
    assert proof_reference({"presence_proof": {"kind": "card", "reference": "X"}}) is None
    assert proof_reference({}) is None


def test_a_sheet_misses_its_proof_only_for_a_class_that_requires_one():
    assert presence_missing({"consultation", "medicine"}, {"medicine"}, proven=False)
    assert not presence_missing({"consultation"}, {"medicine"}, proven=False)
    assert not presence_missing({"medicine"}, {"medicine"}, proven=True)


def test_only_a_sheet_paid_to_the_provider_needs_a_proof():
    assert required_classes("provider", ["medicine"]) == {"medicine"}
    # the participant paid the provider himself: nobody checked him for the IPM
    assert required_classes("participant", ["medicine"]) == frozenset()
    assert not presence_missing({"medicine"}, required_classes("participant", ["medicine"]), False)


def test_an_identity_check_proof_needs_its_reference_and_goes_through_fhir():
    document = sheet(presence_proof={"kind": "identity_check"}, attachments=[])
    assert [rejection.code for rejection in check_document(document)] == ["FSE-SCHEMA"]
    document["presence_proof"]["reference"] = "IDC-0123456789ABCDEF01234567"
    assert check_document(document) == []
    claim = to_claim(document)
    [info, *_none] = claim.supportingInfo
    assert info.category.coding[0].code == "identity_check"
    assert info.valueString == "IDC-0123456789ABCDEF01234567"
    assert from_claim(claim.model_dump_json())["presence_proof"] == document["presence_proof"]
