import copy
import json

import pytest

from siamo_core.fse import (
    FORMAT,
    REASONS,
    Rejection,
    canonical_form,
    check_document,
    generate_key,
    public_key_text,
    sign,
    verify,
)
from siamo_core.fse.fhir import InvalidClaim, from_claim, to_claim
from siamo_core.fse.signature import InvalidKey, load_public_key


def sheet(**changes):
    document = {
        "format": FORMAT,
        "sheet_id": "HPD-2026-000123",
        "provider": {"code": "PS-HOPITAL-PRINCIPAL", "practitioner": "ONMS-4521"},
        "ipm": "IPM-DAKAR",
        "beneficiary": {"nin": "1342197000137"},
        "care_date": "2026-11-20",
        "authorization": "PEC7K2M9",
        "diagnosis": "J06.9",
        "lines": [
            {"kind": "act", "code": "C", "quantity": 1, "unit_price": 5_000, "amount": 5_000},
            {
                "kind": "medicine",
                "code": "MED-0042",
                "quantity": 3,
                "unit_price": 1_250,
                "amount": 3_750,
            },
        ],
        "total": 8_750,
        "presence_proof": {"kind": "card", "reference": "CHK-991"},
        "attachments": [
            {"name": "ordonnance.pdf", "sha256": "ab" * 32, "uri": "fse://1/ordonnance.pdf"}
        ],
    }
    document.update(changes)
    return document


@pytest.fixture(scope="module")
def key():
    return generate_key()


def codes(rejections):
    return [rejection.code for rejection in rejections]


def test_a_well_formed_sheet_passes():
    assert check_document(sheet()) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"format": "siamo-fse/0.9"},
        {"lines": []},
        {"care_date": "20/11/2026"},
        {"beneficiary": {}},
        {"beneficiary": {"nin": "12"}},
        {"total": -1},
        {"total": "8750"},
        {"diagnosis": "grippe"},
        {"unexpected": True},
        {"lines": [{"kind": "surgery", "code": "C", "quantity": 1, "unit_price": 1, "amount": 1}]},
        {"lines": [{"kind": "act", "code": "C", "quantity": 1.5, "unit_price": 1, "amount": 1}]},
        {"lines": [{"kind": "act", "code": "C", "quantity": True, "unit_price": 1, "amount": 1}]},
        {"care_date": "2026-02-30"},
        {"provider": {"code": "PS 1"}},
    ],
)
def test_the_schema_refuses_what_the_format_does_not_say(changes):
    rejections = check_document(sheet(**changes))
    assert codes(rejections)[0] == "FSE-SCHEMA"
    assert rejections[0].label == REASONS["FSE-SCHEMA"]


def test_missing_fields_are_named():
    document = sheet()
    del document["care_date"]
    [rejection] = check_document(document)
    assert "care_date" in rejection.detail


def test_lines_and_total_must_add_up():
    bad_line = copy.deepcopy(sheet())
    bad_line["lines"][1]["amount"] = 4_000
    bad_line["total"] = 9_000
    assert codes(check_document(bad_line)) == ["FSE-TOTAL"]
    assert codes(check_document(sheet(total=9_999))) == ["FSE-TOTAL"]


def test_signature_holds_until_a_signed_field_changes(key):
    signed = sign(sheet(), key)
    public = public_key_text(key)
    assert check_document(signed) == []
    assert verify(signed, public)
    tampered = copy.deepcopy(signed)
    tampered["lines"][0]["unit_price"] = 50_000
    assert not verify(tampered, public)
    assert not verify({**signed, "total": 8_751}, public)
    assert not verify(signed, public_key_text(generate_key()))
    assert not verify(sheet(), public)
    assert not verify({**signed, "signature": {"algorithm": "Ed25519", "value": "%%%"}}, public)


def test_canonical_form_ignores_key_order_and_the_signature(key):
    document = sheet()
    reordered = dict(reversed(list(document.items())))
    assert canonical_form(document) == canonical_form(reordered)
    assert canonical_form(sign(document, key)) == canonical_form(document)
    assert b" " not in canonical_form({"a": 1, "b": [1, 2]})
    assert canonical_form({"nom": "Aïssatou"}) == '{"nom":"Aïssatou"}'.encode()


def test_a_public_key_must_be_ed25519_in_base64():
    with pytest.raises(InvalidKey):
        load_public_key("not a key")
    with pytest.raises(InvalidKey):
        load_public_key("AAAA")
    assert not verify(sheet(), "not a key")


def test_fhir_claim_round_trip_keeps_every_field_and_the_signature(key):
    signed = sign(sheet(), key)
    claim = to_claim(signed)
    assert claim.total.currency == "XOF"
    assert [item.sequence for item in claim.item] == [1, 2]
    assert claim.insurance[0].preAuthRef == ["PEC7K2M9"]
    back = from_claim(claim.model_dump_json())
    assert back == signed
    assert verify(back, public_key_text(key))


def test_fhir_round_trip_of_a_minimal_sheet_by_member_number():
    document = sheet(beneficiary={"member_number": "M0000042"})
    for optional in ("authorization", "diagnosis", "presence_proof", "attachments"):
        del document[optional]
    document["provider"] = {"code": "PS-1"}
    document["attachments"] = [{"name": "scan.pdf", "sha256": "cd" * 32}]
    document["presence_proof"] = {"kind": "none"}
    assert from_claim(json.loads(to_claim(document).model_dump_json())) == document


def test_a_claim_that_is_not_fhir_is_refused_with_reasons():
    with pytest.raises(InvalidClaim) as raised:
        from_claim({"resourceType": "Claim", "status": "bogus"})
    assert raised.value.rejections[0].code == "FSE-SCHEMA"


def test_a_fhir_claim_with_a_foreign_code_system_fails_the_schema():
    claim = json.loads(to_claim(sheet()).model_dump_json())
    claim["item"][0]["productOrService"]["coding"][0]["system"] = "http://loinc.org"
    claim["extension"] = [{"url": "urn:siamo:fse:signature", "valueString": "{broken"}]
    document = from_claim(claim)
    assert "FSE-SCHEMA" in codes(check_document(document))
    assert document["signature"]["value"] == ""


def test_every_reason_has_a_french_label():
    assert all(label and label[0].isupper() for label in REASONS.values())
    assert Rejection("FSE-DUPLICATE", "x").as_dict() == {
        "code": "FSE-DUPLICATE",
        "label": "Feuille déjà reçue sous un autre identifiant",
        "detail": "x",
    }


def test_claim_responses_acknowledge_or_list_the_reasons():
    from siamo_core.fse.fhir import to_claim_response

    claim = json.loads(to_claim(sheet()).model_dump_json())
    queued = to_claim_response(
        {"sheet_id": "HPD-2026-000123", "status": "received", "fse": "FSE/2026/00001"}, claim
    )
    assert (queued.outcome, queued.identifier[0].value) == ("queued", "FSE/2026/00001")
    refused = to_claim_response(
        {
            "sheet_id": "HPD-2026-000123",
            "status": "rejected",
            "reasons": [Rejection("FSE-SIGNATURE").as_dict()],
        },
        {},
    )
    assert refused.outcome == "error"
    assert refused.error[0].code.coding[0].code == "FSE-SIGNATURE"


def test_a_settled_sheet_as_a_claim_response_adds_up():
    from siamo_core.fse.fhir import settlement_claim_response

    response = settlement_claim_response(
        {
            "sheet_id": "HPD-1",
            "fse": "FSE-2026-00000001",
            "patient": {"identifier": {"system": "urn:siamo:member-number", "value": "M1"}},
            "insurer": {"identifier": {"system": "urn:siamo:ipm", "value": "IPM-A"}},
            "provider": {"identifier": {"system": "urn:siamo:provider", "value": "PS-1"}},
            "created": "2026-11-20",
            "lines": [
                {
                    "sequence": 1,
                    "claimed": 6_000,
                    "allowed": 5_000,
                    "ipm_share": 4_000,
                    "copayment": 1_000,
                    "reasons": [("LIQ-OVER-TARIFF", "Montant réclamé supérieur au tarif")],
                },
                {
                    "sequence": 2,
                    "claimed": 750,
                    "allowed": 0,
                    "ipm_share": 0,
                    "copayment": 0,
                    "reasons": [("LIQ-NOT-COVERED", "Acte ou produit hors du panier de soins")],
                },
            ],
        }
    )
    totals = {total.category.coding[0].code: int(total.amount.value) for total in response.total}
    assert totals == {"submitted": 6_750, "eligible": 5_000, "benefit": 4_000, "copay": 1_000}
    assert response.item[1].adjudication[0].reason.coding[0].code == "LIQ-NOT-COVERED"
    assert response.outcome == "complete"


def test_digests_tell_a_retry_and_the_same_care_under_another_id(key):
    from siamo_core.fse.digest import content_digest, sheet_digest

    document = sheet()
    assert sheet_digest(dict(reversed(list(document.items())))) == sheet_digest(document)
    assert sheet_digest(sign(document, key)) == sheet_digest(document)
    assert sheet_digest({**document, "total": 1}) != sheet_digest(document)
    again = {**document, "sheet_id": "OTHER", "lines": list(reversed(document["lines"]))}
    assert content_digest(again, 7) == content_digest(document, 7)
    assert content_digest(document, 8) != content_digest(document, 7)
    assert content_digest({**document, "care_date": "2026-11-21"}, 7) != content_digest(document, 7)
