from dataclasses import dataclass, field

from odoo import api, fields, models

from siamo_core.acceptance import (
    SheetFacts,
    acceptance_rejections,
    beneficiary_key,
    rejected_answer,
)
from siamo_core.authorization import ClaimedLine, check_authorization
from siamo_core.claims import content_digest
from siamo_core.package import coverage
from siamo_core.rejections import Rejection

DAKAR = "Africa/Dakar"


@dataclass
class AcceptanceBatch:
    """What the checks of a batch of sheets read, fetched once for all of them."""

    beneficiaries: dict = field(default_factory=dict)
    ipm_codes: dict = field(default_factory=dict)
    acts: dict = field(default_factory=dict)
    medicines: dict = field(default_factory=dict)
    authorizations: dict = field(default_factory=dict)
    known_digests: set = field(default_factory=set)
    agreements: dict = field(default_factory=dict)
    packages: dict = field(default_factory=dict)
    package_lines: dict = field(default_factory=dict)
    submissions: dict = field(default_factory=dict)


class SiamoFseAcceptance(models.AbstractModel):
    """The IPM's acceptance of a care sheet, whatever brought it (keyed from paper, or through
    the exchange platform): the beneficiary is its own, the provider has an agreement in
    force, the care is not in the future, every item is in the referential, the same care was
    not claimed before, and the authorizations its package asks for are there. The rules are
    ``siamo_core.acceptance``; this model gathers the facts they read, in a few queries for a
    whole batch, and stores the sheets it accepts."""

    _name = "siamo.fse.acceptance"
    _description = "Care Sheet Acceptance"

    def _today(self):
        return fields.Date.context_today(self.with_context(tz=DAKAR))

    # ------------------------------------------------------------------ prefetch

    def _prefetch(self, provider, sheets):
        """The facts the checks of ``sheets`` (plain documents) read."""
        env = self.env
        batch = AcceptanceBatch()
        for company in env["res.company"].search([("siamo_role", "=", "ipm")]):
            batch.ipm_codes[company.id] = company.partner_id.ref or f"IPM{company.id}"
        keys = [beneficiary_key(d.get("beneficiary")) for d in sheets]
        nins = [value for kind, value in filter(None, keys) if kind == "nin" and value]
        numbers = [value for kind, value in filter(None, keys) if kind == "member_number"]
        if nins or numbers:
            found = env["siamo.beneficiary"].search(
                ["|", ("nin", "in", nins), ("member_number", "in", numbers)]
            )
            for beneficiary in found:
                for key in (("nin", beneficiary.nin), ("member_number", beneficiary.member_number)):
                    if key[1]:
                        batch.beneficiaries.setdefault(key, []).append(beneficiary)
        codes = {
            line.get("code")
            for d in sheets
            if isinstance(d.get("lines"), list)
            for line in d["lines"]
            if isinstance(line, dict) and isinstance(line.get("code"), str)
        }
        batch.acts = {
            act.code: act for act in env["siamo.act"].search([("code", "in", list(codes))])
        }
        batch.medicines = {
            medicine.code: medicine
            for medicine in env["siamo.medicine"].search([("code", "in", list(codes))])
        }
        numbers = [d["authorization"] for d in sheets if isinstance(d.get("authorization"), str)]
        if numbers:
            batch.authorizations = {
                authorization.name: authorization
                for authorization in env["siamo.care.authorization"].search(
                    [("name", "in", numbers)]
                )
            }
        batch.known_digests = self._known_contents(sheets, batch)
        return batch

    def _known_contents(self, sheets, batch):
        """The content digests of the batch that the IPMs already hold, in one query."""
        digests = []
        for document in sheets:
            try:
                beneficiary, _problem = self._beneficiary(document, batch)
                if beneficiary:
                    digests.append(content_digest(document, beneficiary.id))
            except (KeyError, TypeError, AttributeError, ValueError):
                continue  # a malformed sheet: its checks will say why
        if not digests:
            return set()
        known = self.env["siamo.fse"].search([("content_digest", "in", digests)])
        return set(known.mapped("content_digest"))

    # ------------------------------------------------------------------ checks

    def _check_content(self, provider, document, batch, seen_contents):
        """``(rejections, route)``: why the IPM refuses the sheet, and where it goes."""
        beneficiary, ipm_rejection = self._beneficiary(document, batch)
        route = {}
        company = self.env["res.company"]
        if beneficiary:
            route = {"beneficiary": beneficiary, "company": beneficiary.company_id}
            company = beneficiary.company_id
        care_date = fields.Date.to_date(document["care_date"])
        items = [
            (batch.acts if line["kind"] == "act" else batch.medicines).get(line["code"])
            for line in document["lines"]
        ]
        digest = content_digest(document, beneficiary.id) if beneficiary else None
        facts = SheetFacts(
            care_date=care_date,
            today=self._today(),
            beneficiary_problem=ipm_rejection,
            agreement_in_force=bool(beneficiary)
            and self._agreement_in_force(company, provider, care_date, batch),
            ipm_name=company.name or "",
            unknown_codes=[
                (index, line["code"])
                for index, (line, item) in enumerate(zip(document["lines"], items, strict=True))
                if not item
            ],
            duplicate=digest in batch.known_digests or digest in seen_contents,
        )
        rejections = acceptance_rejections(facts)
        if rejections or not beneficiary:
            return rejections, route
        seen_contents.add(digest)
        route.update(digest=digest, items=items)
        return self._check_authorization(document, route, provider, care_date, batch), route

    def _beneficiary(self, document, batch):
        key = beneficiary_key(document["beneficiary"])
        candidates = [b for b in batch.beneficiaries.get(key, []) if b.active] if key else []
        if not candidates:
            return None, Rejection("FSE-BENEFICIARY-UNKNOWN", (key or ("", ""))[1] or "")
        in_ipm = [b for b in candidates if batch.ipm_codes.get(b.company_id.id) == document["ipm"]]
        if not in_ipm:
            return None, Rejection("FSE-WRONG-IPM", document["ipm"])
        return in_ipm[0], None

    def _agreement_in_force(self, company, provider, care_date, batch):
        key = (company.id, provider.id)
        if key not in batch.agreements:
            batch.agreements[key] = self.env["siamo.agreement"]._active_of(company, provider)
        return bool(batch.agreements[key]._in_force_on(care_date))

    def _package_lines(self, company, care_date, batch):
        if company.id not in batch.packages:
            batch.packages[company.id] = self.env["siamo.care.package"]._validated_of(company)
        package = batch.packages[company.id]._in_force_on(care_date)
        if package and package.id not in batch.package_lines:
            batch.package_lines[package.id] = package.line_ids._to_core()
        return batch.package_lines.get(package.id)

    def _check_authorization(self, document, route, provider, care_date, batch):
        claimed = [
            ClaimedLine(line["code"], item.act_class_id.code, line["amount"])
            for line, item in zip(document["lines"], route["items"], strict=True)
        ]
        number = document.get("authorization")
        if not number:
            package = self._package_lines(route["company"], care_date, batch)
            needing = [
                line.code
                for line, item in zip(claimed, route["items"], strict=True)
                if package
                and coverage(
                    package,
                    line.code,
                    line.act_class,
                    reimbursable=getattr(item, "reimbursable", True),
                    benefit=(item.benefit_id.code or None) if "benefit_id" in item else None,
                ).needs_authorization
            ]
            return [Rejection("FSE-AUTH-MISSING", ", ".join(needing))] if needing else []
        authorization = batch.authorizations.get(number)
        if authorization and authorization.company_id != route["company"]:
            authorization = None
        route["authorization"] = authorization
        return check_authorization(
            authorization._to_core() if authorization else None,
            route["beneficiary"].member_number,
            provider.siamo_provider_code,
            care_date,
            claimed,
        )

    # ------------------------------------------------------------------ storing

    @api.model
    def _create_sheets(self, provider, accepted, channel):
        """The sheets and lines of ``accepted`` ``(document, route)`` pairs, in order."""
        sheets = self.env["siamo.fse"].create(
            [self._sheet_values(provider, document, route, channel) for document, route in accepted]
        )
        lines = []
        for (document, route), sheet in zip(accepted, sheets, strict=True):
            lines += self._line_values(sheet, document, route)
        self.env["siamo.fse.line"].create(lines)
        return sheets

    def _sheet_values(self, provider, document, route, channel):
        proof = document.get("presence_proof") or {}
        return {
            "company_id": route["company"].id,
            "provider_id": provider.id,
            "provider_sheet_id": document["sheet_id"],
            "practitioner": document["provider"].get("practitioner"),
            "beneficiary_id": route["beneficiary"].id,
            "care_date": document["care_date"],
            "diagnosis": document.get("diagnosis"),
            "authorization_id": route.get("authorization") and route["authorization"].id,
            "amount_claimed": document["total"],
            "content_digest": route["digest"],
            "presence_proof": " ".join(filter(None, [proof.get("kind"), proof.get("reference")])),
            "channel": channel,
            "state": "received",
        }

    @staticmethod
    def _line_values(sheet, document, route):
        return [
            {
                "fse_id": sheet.id,
                "sequence": sequence,
                "kind": line["kind"],
                "code": line["code"],
                "act_id": item.id if line["kind"] == "act" else False,
                "medicine_id": item.id if line["kind"] == "medicine" else False,
                "quantity": line["quantity"],
                "unit_price": line["unit_price"],
                "amount": line["amount"],
            }
            for sequence, (line, item) in enumerate(
                zip(document["lines"], route["items"], strict=True), start=1
            )
        ]

    # ------------------------------------------------------------------ a whole batch

    @api.model
    def _accept_documents(self, provider, documents, channel="paper"):
        """``[(answer, sheet)]`` for plain, well-formed ``documents`` of ``provider``: the
        accepted ones stored, the others refused with their reasons, nothing written for
        them. The caller has checked the documents' form and who sends them."""
        batch = self._prefetch(provider, documents)
        seen, results, accepted = set(), [], []
        for document in documents:
            rejections, route = self._check_content(provider, document, batch, seen)
            if rejections:
                results.append(rejected_answer(document.get("sheet_id"), rejections))
            else:
                results.append({"sheet_id": document.get("sheet_id"), "status": "received"})
                accepted.append((document, route))
        sheets = iter(self._create_sheets(provider, accepted, channel))
        return [
            (answer, next(sheets) if answer["status"] == "received" else None) for answer in results
        ]
