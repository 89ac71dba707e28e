"""The FHIR R4 ``ClaimResponse`` the hub answers with: the acknowledgement of a ``Claim``
and the settlement of a sheet."""

SYSTEM = "urn:siamo"
SHEET_ID = f"{SYSTEM}:fse:sheet-id"
CURRENCY = "XOF"
PROFESSIONAL = {
    "coding": [
        {"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}
    ]
}


def _money(amount):
    return {"value": amount, "currency": CURRENCY}


REASON_SYSTEM = f"{SYSTEM}:fse:reason"


def to_claim_response(answer, claim):
    """The FHIR ``ClaimResponse`` acknowledging a ``Claim`` (a dict): queued when the sheet
    was received, an error per reason code when it was refused."""
    from fhir.resources.R4B.claimresponse import ClaimResponse

    received = answer["status"] == "received"
    response = {
        "resourceType": "ClaimResponse",
        "status": "active",
        "type": claim.get("type") or PROFESSIONAL,
        "use": "claim",
        "patient": claim.get("patient") or {"display": "inconnu"},
        "created": claim.get("created") or "1970-01-01",
        "insurer": claim.get("insurer") or {"display": "inconnu"},
        "requestor": claim.get("provider"),
        "request": {"identifier": {"system": SHEET_ID, "value": answer.get("sheet_id") or ""}},
        "outcome": "queued" if received else "error",
        "disposition": "Feuille reçue" if received else "Feuille refusée",
    }
    if received:
        response["identifier"] = [{"system": f"{SYSTEM}:fse", "value": answer["fse"]}]
    else:
        response["error"] = [
            {
                "code": {
                    "coding": [
                        {
                            "system": REASON_SYSTEM,
                            "code": reason["code"],
                            "display": reason["label"],
                        }
                    ],
                    "text": reason.get("detail") or reason["label"],
                }
            }
            for reason in answer["reasons"]
        ]
    return ClaimResponse.model_validate({k: v for k, v in response.items() if v is not None})


ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication"
SETTLEMENT_REASON = f"{SYSTEM}:settlement:reason"


def _adjudication(code, amount):
    return {
        "category": {"coding": [{"system": ADJUDICATION, "code": code}]},
        "amount": _money(amount),
    }


def settlement_claim_response(settlement):
    """The FHIR ``ClaimResponse`` of a settled sheet. ``settlement`` is a dict: sheet_id,
    fse, patient, insurer, provider (FHIR references), created (date), lines (dicts of
    sequence, claimed, allowed, ipm_share, copayment, reasons as (code, label) pairs)."""
    from fhir.resources.R4B.claimresponse import ClaimResponse

    lines = settlement["lines"]
    items = []
    for line in lines:
        adjudication = [
            _adjudication("submitted", line["claimed"]),
            _adjudication("eligible", line["allowed"]),
            _adjudication("benefit", line["ipm_share"]),
            _adjudication("copay", line["copayment"]),
        ]
        if line["reasons"]:
            adjudication[0]["reason"] = {
                "coding": [
                    {"system": SETTLEMENT_REASON, "code": code, "display": label}
                    for code, label in line["reasons"]
                ]
            }
        items.append({"itemSequence": line["sequence"], "adjudication": adjudication})
    totals = [
        ("submitted", "claimed"),
        ("eligible", "allowed"),
        ("benefit", "ipm_share"),
        ("copay", "copayment"),
    ]
    response = {
        "resourceType": "ClaimResponse",
        "identifier": [{"system": f"{SYSTEM}:fse", "value": settlement["fse"]}],
        "status": "active",
        "type": PROFESSIONAL,
        "use": "claim",
        "patient": settlement["patient"],
        "created": settlement["created"],
        "insurer": settlement["insurer"],
        "requestor": settlement["provider"],
        "request": {"identifier": {"system": SHEET_ID, "value": settlement["sheet_id"]}},
        "outcome": "complete",
        "disposition": "Feuille liquidée",
        "item": items,
        "total": [
            {
                "category": {"coding": [{"system": ADJUDICATION, "code": code}]},
                "amount": _money(sum(line[key] for line in lines)),
            }
            for code, key in totals
        ],
    }
    return ClaimResponse.model_validate(response)
