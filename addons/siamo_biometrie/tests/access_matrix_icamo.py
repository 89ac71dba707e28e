"""The access matrix's probes of siamo_icamo: the records ICAMO's warehouse, reports and
follow-up hold of an IPM."""

import base64
from datetime import date


def icamo_probes(env, icamo, ipm_company):
    """What ICAMO's warehouse holds of an IPM: the IPM followed, a return, a fact and
    its cell, an indicator, an alert, a report and a recommendation (all the regulator's)."""
    month, received = date(2026, 1, 1), "2026-02-10 09:00:00"
    ipm = env["siamo.icamo.ipm"].create(
        {"company_id": icamo.id, "code": f"PROBE-{ipm_company.id}", "name": ipm_company.name}
    )
    statement = env["siamo.icamo.return"].create(
        {"company_id": icamo.id, "ipm_id": ipm.id, "period": month, "received_at": received}
    )
    owned = {"company_id": icamo.id, "ipm_id": ipm.id, "period": month}
    figure = {**owned, "return_id": statement.id, "measure": "workers", "value": 1}
    env["siamo.icamo.fact"].create({**figure, "known_from": received})
    env["siamo.icamo.cell"].create({**figure, "known_from": received})
    env["siamo.icamo.indicator"].create({**owned, "scope": "ipm", "indicator": "claims_ratio"})
    env["siamo.icamo.alert"].create(
        {**owned, "kind": "late", "message": "Probe", "key": f"probe-{ipm.id}"}
    )
    env["siamo.icamo.return.import"].with_company(icamo).create({"file": base64.b64encode(b"{}")})
    env["siamo.icamo.report"].create(
        {
            "company_id": icamo.id,
            "scope": "ipm",
            "ipm_id": ipm.id,
            "date_from": month,
            "date_to": month,
        }
    )
    recommendation = env["siamo.icamo.recommendation"].create(
        {
            **owned,
            "indicator": "collection_rate",
            "text": "Probe",
            "date_issued": month,
            "date_due": month,
        }
    )
    env["siamo.icamo.recommendation.respond"].create(
        {"recommendation_id": recommendation.id, "response": "Probe"}
    )


def accreditation_probes(env, accreditation):
    """A question ICAMO asked on the application and the decision wizard on it."""
    env["siamo.accreditation.question"].create(
        {"accreditation_id": accreditation.id, "question": "Probe"}
    )
    env["siamo.accreditation.decide"].create({"accreditation_id": accreditation.id})
