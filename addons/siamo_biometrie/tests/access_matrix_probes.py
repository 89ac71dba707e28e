"""The records the access matrix test probes: for every model, records that belong to the
roles' own IPM, member company, family and provider, and records that do not.

The owners are the demo ones: IPM A is the Dakar inter-company IPM, IPM B Ciments du Cap,
the member company Sahel Logistique, the participant Moussa Diop and his family, the provider
Clinique Les Filaos. Set-up (superuser) adds, for every model, one record of each owner and
one of someone else, so that the probes exist whatever the demo data holds.
"""

import base64
from datetime import date

from odoo import Command

from .access_matrix_icamo import accreditation_probes, icamo_probes

# How each model reaches its owners: (IPM, member company, beneficiary, provider) field paths;
# None when the model has no such owner. The beneficiary path leads to a siamo.beneficiary
# ("" for the beneficiary itself), or with "partner:" to a partner of one; the family is the
# participant and his dependents.
OWNER_PATHS = {
    "siamo.accreditation": ("company_id", None, None, None),
    "siamo.accreditation.question": ("company_id", None, None, None),
    **dict.fromkeys(
        (
            "siamo.icamo.ipm",
            "siamo.icamo.ipm.history",
            "siamo.icamo.return",
            "siamo.icamo.fact",
            "siamo.icamo.cell",
            "siamo.icamo.indicator",
            "siamo.icamo.alert",
            "siamo.icamo.report",
            "siamo.icamo.recommendation",
        ),
        ("company_id", None, None, None),
    ),
    "siamo.act.class.account": ("company_id", None, None, None),
    "siamo.agreement": ("company_id", None, None, "provider_id"),
    "siamo.agreement.price": ("company_id", None, None, "agreement_id.provider_id"),
    "siamo.beneficiary": ("company_id", "employer_id", "", None),
    "siamo.care.authorization": (
        "company_id",
        "beneficiary_id.employer_id",
        "beneficiary_id.",
        "provider_id",
    ),
    "siamo.care.package": ("company_id", None, None, None),
    "siamo.care.package.line": ("company_id", None, None, None),
    "siamo.contribution.line": ("company_id", "employer_id", "participant_id.", None),
    "siamo.contribution.period": ("company_id", None, None, None),
    "siamo.contribution.reminder": ("company_id", "partner_id", None, None),
    "siamo.copayment.statement": ("company_id", "partner_id", None, None),
    "siamo.copayment.statement.prepare": ("company_id", None, None, None),
    "siamo.fse": ("company_id", "beneficiary_id.employer_id", "beneficiary_id.", "provider_id"),
    "siamo.fse.line": (
        "company_id",
        "fse_id.beneficiary_id.employer_id",
        "fse_id.beneficiary_id.",
        "fse_id.provider_id",
    ),
    "siamo.fse.submission": ("company_id", None, "fse_id.beneficiary_id.", "provider_id"),
    "siamo.identity.check": (
        "company_id",
        "beneficiary_id.employer_id",
        "beneficiary_id.",
        "provider_id",
    ),
    "siamo.identity.conflict": ("company_id", None, "beneficiary_id.", None),
    "siamo.ipm.rule": ("company_id", None, None, None),
    "siamo.ipm.return": ("company_id", None, None, None),
    "siamo.ipm.return.settings": ("company_id", None, None, None),
    "siamo.job.progress": ("company_id", None, None, None),
    "siamo.member.request": ("company_id", "employer_id", None, None),
    "siamo.membership": ("company_id", "partner_id", None, None),
    "siamo.payment.order": ("company_id", None, None, None),
    "siamo.practitioner": (None, None, None, "provider_id"),
    "siamo.reimbursement": ("company_id", None, "beneficiary_id.", "provider_id"),
    "siamo.reimbursement.line": (
        "reimbursement_id.company_id",
        None,
        "reimbursement_id.beneficiary_id.",
        "reimbursement_id.provider_id",
    ),
    "siamo.staff.import": ("membership_id.company_id", "membership_id.partner_id", None, None),
    "siamo.settlement.batch": ("company_id", None, "participant_id.", "provider_id"),
    "siamo.settlement.line": ("company_id", None, "fse_id.beneficiary_id.", "fse_id.provider_id"),
    "account.move": (
        "company_id",
        "commercial_partner_id",
        "partner:commercial_partner_id",
        "commercial_partner_id",
    ),
    "account.payment": ("company_id", "partner_id", None, "partner_id"),
    "res.company": ("id", None, None, None),
    "res.partner": (None, "commercial_partner_id", "partner:id", "commercial_partner_id"),
}


def owners(env):
    """The demo owners the roles' "own" records belong to, or None without the demo data."""
    ref = env.ref
    needed = (
        "gestionnaire@ipm-dakar.example.sn",
        "gestionnaire@ipm-ciments.example.sn",
        "rh@sahel-logistique.example.sn",
        "moussa.diop@example.sn",
        "accueil@clinique-filaos.example.sn",
        "admin@icamo.example.sn",
    )
    login = {user.login: user for user in env["res.users"].search([("login", "in", needed)])}
    if any(name not in login for name in needed):
        return None
    ipm_a = login[needed[0]].company_id
    ipm_b = login[needed[1]].company_id
    employer = login[needed[2]].partner_id.commercial_partner_id
    participant_partner = login[needed[3]].partner_id
    provider = login[needed[4]].partner_id.commercial_partner_id
    Beneficiary = env["siamo.beneficiary"]
    participant = Beneficiary.search([("partner_id", "=", participant_partner.id)], limit=1)
    other_participant = Beneficiary.search(
        [
            ("company_id", "=", ipm_a.id),
            ("relationship", "=", "participant"),
            ("employer_id", "not in", [employer.id, False]),
        ],
        limit=1,
    )
    participant_b = Beneficiary.search(
        [("company_id", "=", ipm_b.id), ("relationship", "=", "participant")], limit=1
    )
    other_provider = env["res.partner"].search(
        [("siamo_is_provider", "=", True), ("id", "!=", provider.id)], limit=1
    )
    return {
        "ipm_a": ipm_a,
        "ipm_b": ipm_b,
        "icamo": login["admin@icamo.example.sn"].company_id,
        "employer": employer,
        "participant_partner": participant_partner,
        "participant": participant,
        "dependent": participant.dependent_ids[:1] or participant,
        "other_participant": other_participant,
        "co_worker": Beneficiary.search(
            [
                ("employer_id", "=", employer.id),
                ("relationship", "=", "participant"),
                ("id", "!=", participant.id),
            ],
            limit=1,
        ),
        "participant_b": participant_b,
        "provider": provider,
        "other_provider": other_provider,
        "schedule": ref("siamo_referentiel.tariff_schedule_demo", raise_if_not_found=False)
        or env["siamo.tariff.schedule"].search([], limit=1),
    }


def _invoice(env, company, partner, move_type, post=True):
    move = (
        env["account.move"]
        .with_company(company)
        .create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": company.id,
                "invoice_date": date.today(),
                "invoice_line_ids": [Command.create({"name": "Probe", "price_unit": 1000})],
            }
        )
    )
    if post:
        move.action_post()
    return move


def probe_partners(o):
    """The partners the res.partner probes are: members, participants, providers."""
    beneficiaries = o["participant"] | o["dependent"] | o["co_worker"]
    beneficiaries |= o["other_participant"] | o["participant_b"]
    employers = beneficiaries.employer_id | beneficiaries.membership_id.partner_id
    return beneficiaries.partner_id | employers | o["provider"] | o["other_provider"]


def create_probes(env, o):
    """One record per owner and one of someone else for every model (superuser set-up);
    returns the records set-up made, by model."""
    existing = ("res.company", "res.partner", "siamo.beneficiary", "siamo.membership")
    existing += ("siamo.ipm.rule", "siamo.act.class.account")
    models = [name for name in OWNER_PATHS if name not in existing]
    models += ["siamo.reimbursement.line", "siamo.staff.import", "siamo.referential.import"]
    models += ["siamo.icamo.return.import", "siamo.icamo.recommendation.respond"]
    models += ["siamo.accreditation.decide", "res.config.settings"]
    last = {name: env[name].search([], order="id desc", limit=1).id or 0 for name in models}
    today = date.today()
    # (IPM, beneficiary, provider, membership) of the three cases: all own, foreign in IPM A,
    # IPM B.
    Membership = env["siamo.membership"]
    # every owner apart from the others: the family's own, a co-worker's and a stranger's
    # at the provider, a stranger's elsewhere, IPM B's
    cases = [
        (o["ipm_a"], o["dependent"], o["provider"]),
        (o["ipm_a"], o["co_worker"], o["other_provider"]),
        (o["ipm_a"], o["other_participant"], o["provider"]),
        (o["ipm_a"], o["other_participant"], o["other_provider"]),
        (o["ipm_b"], o["participant_b"], o["other_provider"]),
    ]
    for ipm, beneficiary, provider in cases:
        participant = beneficiary.participant_id or beneficiary
        membership = participant.membership_id or Membership.search(
            [("company_id", "=", ipm.id)], limit=1
        )
        employer = membership.partner_id
        agreement = env["siamo.agreement"].create(
            {
                "name": f"Probe {provider.name} {ipm.name}",
                "company_id": ipm.id,
                "provider_id": provider.id,
                "schedule_id": o["schedule"].id,
                "date_start": "2020-01-01",
            }
        )
        env["siamo.agreement.price"].create(
            {
                "agreement_id": agreement.id,
                "act_id": env["siamo.act"].search([], limit=1).id,
                "price": 1000,
            }
        )
        package = env["siamo.care.package"].create({"name": "Probe", "company_id": ipm.id})
        env["siamo.care.package.line"].create(
            {
                "package_id": package.id,
                "benefit_id": env["siamo.amo.benefit"].search([], limit=1).id,
            }
        )
        if not env["siamo.ipm.rule"].search_count([("company_id", "=", ipm.id)]):
            env["siamo.ipm.rule"].create({"company_id": ipm.id, "date_from": "2019-01-01"})
        period = env["siamo.contribution.period"].search(
            [("company_id", "=", ipm.id), ("date_start", "=", "2019-01-01")]
        ) or env["siamo.contribution.period"].create(
            {
                "company_id": ipm.id,
                "date_start": "2019-01-01",
                "date_end": "2019-01-31",
                "date_due": "2019-02-15",
            }
        )
        env["siamo.contribution.line"].create(
            {
                "period_id": period.id,
                "membership_id": membership.id,
                "participant_id": participant.id,
            }
        )
        env["siamo.member.request"].create(
            {
                "company_id": ipm.id,
                "kind": "remove",
                "membership_id": membership.id,
                "beneficiary_id": beneficiary.id,
            }
        )
        invoice = _invoice(env, ipm, employer, "out_invoice")
        env["siamo.contribution.reminder"].create(
            {"move_id": invoice.id, "days": 15, "kind": "reminder", "sent_on": today}
        )
        _invoice(env, ipm, provider, "in_invoice")
        if participant.partner_id:
            _invoice(env, ipm, participant.partner_id, "in_invoice")
        journal = env["account.journal"].search(
            [("company_id", "=", ipm.id), ("type", "=", "bank")], limit=1
        )
        env["account.payment"].create(
            {
                "company_id": ipm.id,
                "partner_id": provider.id,
                "payment_type": "outbound",
                "partner_type": "supplier",
                "amount": 1000,
                "journal_id": journal.id,
            }
        )
        env["siamo.payment.order"].create({"company_id": ipm.id, "journal_id": journal.id})
        env["siamo.copayment.statement"].create(
            {"company_id": ipm.id, "partner_id": employer.id, "month": "2019-01-01"}
        )
        env["siamo.copayment.statement.prepare"].create({"company_id": ipm.id})
        env["siamo.ipm.return"].create({"company_id": ipm.id, "period": "2019-01-01"})
        env["siamo.ipm.return.settings"].create({"company_id": ipm.id})
        batch = env["siamo.settlement.batch"].create(
            {
                "company_id": ipm.id,
                "provider_id": provider.id,
                "date_from": "2019-01-01",
                "date_to": "2019-01-31",
                "state": "validated",
            }
        )
        sheet = env["siamo.fse"].create(
            {
                "company_id": ipm.id,
                "provider_id": provider.id,
                "beneficiary_id": beneficiary.id,
                "settlement_batch_id": batch.id,
                "diagnosis": "J06.9",
                "control_note": "Probe note",
            }
        )
        line = env["siamo.fse.line"].create({"fse_id": sheet.id, "kind": "act", "code": "PROBE"})
        env["siamo.settlement.line"].create(
            {"fse_line_id": line.id, "batch_id": batch.id, "status": "accepted"}
        )
        env["siamo.fse.submission"].create(
            {
                "company_id": ipm.id,
                "provider_id": provider.id,
                "sheet_id": f"PROBE-{sheet.id}",
                "document_digest": "0" * 64,
                "state": "received",
                "fse_id": sheet.id,
            }
        )
        env["siamo.care.authorization"].create(
            {
                "company_id": ipm.id,
                "beneficiary_id": beneficiary.id,
                "provider_id": provider.id,
                "date_to": today,
            }
        )
        env["siamo.identity.check"].create(
            {
                "company_id": ipm.id,
                "beneficiary_id": beneficiary.id,
                "provider_id": provider.id,
                "method": "member_card_qr",
                "result": "confirmed",
            }
        )
        env["siamo.identity.conflict"].create(
            {
                "company_id": ipm.id,
                "beneficiary_id": beneficiary.id,
                "kind": "differs",
                "source": "card",
            }
        )
        reimbursement = env["siamo.reimbursement"].create(
            {
                "company_id": ipm.id,
                "beneficiary_id": beneficiary.id,
                "provider_id": provider.id,
                "care_date": today,
            }
        )
        env["siamo.reimbursement.line"].create({"reimbursement_id": reimbursement.id})
        env["siamo.practitioner"].create({"name": "Dr Probe", "provider_id": provider.id})
        env["siamo.staff.import"].create(
            {"membership_id": membership.id, "file": base64.b64encode(b"probe")}
        )
    env["siamo.referential.import"].create({"file": base64.b64encode(b"probe")})
    env["res.config.settings"].create({})
    for index, ipm in enumerate((o["ipm_a"], o["ipm_b"]), start=1):
        env["siamo.job.progress"].create(
            {
                "res_model": "siamo.contribution.period",
                "res_id": 10**9 + index,
                "company_id": ipm.id,
                "state": "done",
            }
        )
    for ipm in (o["ipm_a"], o["ipm_b"]):
        accreditation = env["siamo.accreditation"].create(
            {"company_id": o["icamo"].id, "ipm_partner_id": ipm.partner_id.id}
        )
        accreditation_probes(env, accreditation)
        icamo_probes(env, o["icamo"], ipm)
    return {
        name: env[name].with_context(active_test=False).search([("id", ">", last[name])])
        for name in models
    }
