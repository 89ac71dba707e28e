"""The care sheet as a FHIR R4 ``Claim`` (the R4B package of fhir.resources, as openIMIS uses),
both ways, so a provider's software that speaks FHIR is served as well."""

import json

from fhir.resources.R4B.claim import Claim
from pydantic import ValidationError

from ..exceptions import SiamoError

# the answers live in their own module; callers have always found them here
from .claim_response import (
    CURRENCY,
    PROFESSIONAL,
    SHEET_ID,
    SYSTEM,
    settlement_claim_response,
    to_claim_response,
)
from .reasons import Rejection
from .schema import FORMAT, json_problems

NIN = f"{SYSTEM}:nin"
MEMBER_NUMBER = f"{SYSTEM}:member-number"
PROVIDER = f"{SYSTEM}:provider"
PRACTITIONER = f"{SYSTEM}:practitioner"
IPM = f"{SYSTEM}:ipm"
ITEM_SYSTEMS = {"act": f"{SYSTEM}:act", "medicine": f"{SYSTEM}:medicine"}
PRESENCE = f"{SYSTEM}:presence-proof"
ATTACHMENT = f"{SYSTEM}:attachment"
SHA256 = f"{SYSTEM}:sha256"
SIGNATURE = f"{SYSTEM}:fse:signature"
ICD10 = "http://hl7.org/fhir/sid/icd-10"


def _money(amount):
    return {"value": amount, "currency": CURRENCY}


def _identifier(system, value):
    return {"identifier": {"system": system, "value": value}}


def _patient(beneficiary):
    if beneficiary.get("nin"):
        return _identifier(NIN, beneficiary["nin"])
    return _identifier(MEMBER_NUMBER, beneficiary["member_number"])


def _supporting_info(document):
    infos = []
    proof = document.get("presence_proof")
    if proof:
        info = {"category": {"coding": [{"system": PRESENCE, "code": proof["kind"]}]}}
        if proof.get("reference"):
            info["valueString"] = proof["reference"]
        infos.append(info)
    for attachment in document.get("attachments", []):
        value = {
            "title": attachment["name"],
            "extension": [{"url": SHA256, "valueString": attachment["sha256"]}],
        }
        if attachment.get("uri"):
            value["url"] = attachment["uri"]
        infos.append(
            {
                "category": {"coding": [{"system": ATTACHMENT, "code": "attachment"}]},
                "valueAttachment": value,
            }
        )
    for sequence, info in enumerate(infos, start=1):
        info["sequence"] = sequence
    return infos


def to_claim(document):
    """The FHIR ``Claim`` of a sheet in the siamo-fse format."""
    claim = {
        "resourceType": "Claim",
        "identifier": [{"system": SHEET_ID, "value": document["sheet_id"]}],
        "status": "active",
        "type": PROFESSIONAL,
        "use": "claim",
        "patient": _patient(document["beneficiary"]),
        "created": document["care_date"],
        "insurer": _identifier(IPM, document["ipm"]),
        "provider": _identifier(PROVIDER, document["provider"]["code"]),
        "priority": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/processpriority",
                    "code": "normal",
                }
            ]
        },
        "insurance": [
            {
                "sequence": 1,
                "focal": True,
                "coverage": {"display": f"{document['ipm']} AMO"},
                **(
                    {"preAuthRef": [document["authorization"]]}
                    if document.get("authorization")
                    else {}
                ),
            }
        ],
        "item": [
            {
                "sequence": sequence,
                "productOrService": {
                    "coding": [{"system": ITEM_SYSTEMS[line["kind"]], "code": line["code"]}]
                },
                "servicedDate": document["care_date"],
                "quantity": {"value": line["quantity"]},
                "unitPrice": _money(line["unit_price"]),
                "net": _money(line["amount"]),
            }
            for sequence, line in enumerate(document["lines"], start=1)
        ],
        "total": _money(document["total"]),
    }
    if document["provider"].get("practitioner"):
        claim["careTeam"] = [
            {
                "sequence": 1,
                "provider": _identifier(PRACTITIONER, document["provider"]["practitioner"]),
            }
        ]
    if document.get("diagnosis"):
        claim["diagnosis"] = [
            {
                "sequence": 1,
                "diagnosisCodeableConcept": {
                    "coding": [{"system": ICD10, "code": document["diagnosis"]}]
                },
            }
        ]
    infos = _supporting_info(document)
    if infos:
        claim["supportingInfo"] = infos
    if document.get("signature"):
        claim["extension"] = [
            {"url": SIGNATURE, "valueString": json.dumps(document["signature"], sort_keys=True)}
        ]
    return Claim.model_validate(claim)


class InvalidClaim(SiamoError):
    """A FHIR Claim that cannot become a siamo-fse sheet; ``rejections`` say why."""

    def __init__(self, rejections):
        super().__init__(
            "FHIR_INVALID_CLAIM",
            "The FHIR Claim is not valid: %(details)s",
            details="; ".join(rejection.detail for rejection in rejections),
        )
        self.rejections = rejections


def _identifier_value(reference, system):
    identifier = reference.identifier if reference else None
    if identifier is None or identifier.system != system:
        return None
    return identifier.value


def _code(concept, system):
    for coding in (concept.coding if concept else None) or []:
        if coding.system == system:
            return coding.code
    return None


def _number(value):
    """A FHIR decimal as the sheet's integer; a fraction is kept so the format refuses it."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _amount(money):
    return _number(money.value) if money is not None else None


def _line(item):
    kinds = {system: kind for kind, system in ITEM_SYSTEMS.items()}
    concept = item.productOrService
    kind, code = next(
        (
            (kinds[coding.system], coding.code)
            for coding in (concept.coding if concept else None) or []
            if coding.system in kinds
        ),
        (None, None),
    )
    return {
        "kind": kind,
        "code": code,
        # no quantity means one; a quantity without a value is refused
        "quantity": _number(item.quantity.value) if item.quantity else 1,
        "unit_price": _amount(item.unitPrice),
        "amount": _amount(item.net),
    }


def _from_supporting_info(claim, document):
    for info in claim.supportingInfo or []:
        if _code(info.category, PRESENCE):
            proof = {"kind": _code(info.category, PRESENCE)}
            if info.valueString:
                proof["reference"] = info.valueString
            document["presence_proof"] = proof
        elif _code(info.category, ATTACHMENT) and info.valueAttachment:
            value = info.valueAttachment
            sha = next(
                (ext.valueString for ext in value.extension or [] if ext.url == SHA256), None
            )
            attachment = {"name": value.title, "sha256": sha}
            if value.url:
                attachment["uri"] = value.url
            document.setdefault("attachments", []).append(attachment)


def _validated(data):
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise InvalidClaim(
                [Rejection("FSE-SCHEMA", f"(Claim) : JSON illisible ({error})")]
            ) from error
    problems = json_problems(data)
    if problems:
        raise InvalidClaim(
            [Rejection("FSE-SCHEMA", f"{where} : {why}"[:300]) for where, why in problems]
        )
    try:
        return Claim.model_validate(data)
    except ValidationError as error:
        raise InvalidClaim(
            [
                Rejection("FSE-SCHEMA", f"{'/'.join(map(str, e['loc']))} : {e['msg']}"[:300])
                for e in error.errors()
            ]
        ) from error


def _care_date(claim):
    """The day of care: ``created`` as a whole date; a partial one (``2026``, ``2026-11``)
    names no day and is refused."""
    created = claim.created
    if created is None:
        return None
    if isinstance(created, str):
        raise InvalidClaim(
            [
                Rejection(
                    "FSE-SCHEMA",
                    f"created : date incomplète « {created[:40]} », AAAA-MM-JJ attendue",
                )
            ]
        )
    return created.isoformat()[:10]


def _signature(text):
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return {"algorithm": "Ed25519", "value": ""}


def from_claim(data):
    """The siamo-fse sheet of a FHIR ``Claim`` (a dict or a JSON text). The sheet still has
    to pass :func:`~siamo_core.fse.check_document`. Raises :class:`InvalidClaim`, with its
    reasons, for anything that is not a readable Claim."""
    claim = _validated(data)
    sheet_id = next(
        (
            identifier.value
            for identifier in claim.identifier or []
            if identifier.system == SHEET_ID
        ),
        None,
    )
    beneficiary = {}
    if _identifier_value(claim.patient, NIN):
        beneficiary["nin"] = _identifier_value(claim.patient, NIN)
    elif _identifier_value(claim.patient, MEMBER_NUMBER):
        beneficiary["member_number"] = _identifier_value(claim.patient, MEMBER_NUMBER)
    provider = {"code": _identifier_value(claim.provider, PROVIDER)}
    for member in claim.careTeam or []:
        practitioner = _identifier_value(member.provider, PRACTITIONER)
        if practitioner:
            provider["practitioner"] = practitioner
    document = {
        "format": FORMAT,
        "sheet_id": sheet_id,
        "provider": provider,
        "ipm": _identifier_value(claim.insurer, IPM),
        "beneficiary": beneficiary,
        "care_date": _care_date(claim),
        "lines": [_line(item) for item in claim.item or []],
        "total": _amount(claim.total),
    }
    authorizations = [
        ref for insurance in claim.insurance or [] for ref in insurance.preAuthRef or []
    ]
    if authorizations:
        document["authorization"] = authorizations[0]
    for diagnosis in claim.diagnosis or []:
        if diagnosis.diagnosisCodeableConcept:
            document["diagnosis"] = _code(diagnosis.diagnosisCodeableConcept, ICD10)
    _from_supporting_info(claim, document)
    for extension in claim.extension or []:
        if extension.url == SIGNATURE and extension.valueString:
            document["signature"] = _signature(extension.valueString)
    return document


__all__ = [
    "InvalidClaim",
    "from_claim",
    "settlement_claim_response",
    "to_claim",
    "to_claim_response",
]
