import json
from dataclasses import dataclass, field

from psycopg2 import IntegrityError

from odoo import api, fields, models

from siamo_core.authorization import ClaimedLine, check_authorization
from siamo_core.fse import Rejection, check_document, verify
from siamo_core.fse.digest import content_digest, sheet_digest
from siamo_core.identifiers import parse_nin
from siamo_core.package import coverage

DAKAR = "Africa/Dakar"


class IntakeConflict(Exception):
    """Another request stored the same sheet id at the same moment: the client retries."""


def rejected(sheet_id, rejections):
    return {
        "sheet_id": sheet_id,
        "status": "rejected",
        "reasons": [rejection.as_dict() for rejection in rejections],
    }


@dataclass
class Batch:
    """What the checks of a batch read, fetched once for all its sheets."""

    submissions: dict = field(default_factory=dict)
    beneficiaries: dict = field(default_factory=dict)
    ipm_codes: dict = field(default_factory=dict)
    acts: dict = field(default_factory=dict)
    medicines: dict = field(default_factory=dict)
    authorizations: dict = field(default_factory=dict)
    known_digests: set = field(default_factory=set)
    agreements: dict = field(default_factory=dict)
    packages: dict = field(default_factory=dict)
    package_lines: dict = field(default_factory=dict)


class SiamoFseIntake(models.AbstractModel):
    """The door of the flow hub: each sheet is checked against the format, its signature and
    the referentials before anything is written, then stored with its original document and
    routed to the beneficiary's IPM. The answer acknowledges every sheet."""

    _name = "siamo.fse.intake"
    _description = "Care Sheet Intake"

    @api.model
    def _receive(self, provider, documents, channel="api"):
        """The acknowledgement of each document, in order. Runs with the rights of the hub:
        the caller has authenticated ``provider``."""
        env = (
            self.sudo()
            .with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
            )
            .env
        )
        intake = self.with_env(env)
        batch = intake._prefetch(provider, documents)
        today = fields.Date.context_today(self.with_context(tz=DAKAR))
        answers, accepted, refused = [], [], []
        seen_keys, seen_contents = {}, set()
        for index, document in enumerate(documents):
            answer, outcome, route = intake._check(
                provider, document, batch, today, seen_keys, seen_contents
            )
            answers.append(answer)
            if outcome == "accept":
                accepted.append((index, document, route))
            elif outcome == "store":
                refused.append((index, document, route))
        try:
            with env.cr.savepoint():
                intake._store(provider, channel, batch, answers, accepted, refused)
        except IntegrityError as error:
            raise IntakeConflict() from error
        return answers

    # ------------------------------------------------------------------ prefetch

    def _prefetch(self, provider, documents):
        env = self.env
        batch = Batch()
        sheets = [d for d in documents if isinstance(d, dict)]
        sheet_ids = [d.get("sheet_id") for d in sheets if isinstance(d.get("sheet_id"), str)]
        if sheet_ids:
            submissions = env["siamo.fse.submission"].search(
                [("provider_id", "=", provider.id), ("sheet_id", "in", sheet_ids)]
            )
            for submission in submissions:
                batch.submissions[(submission.provider_id.id, submission.sheet_id)] = submission
        for company in env["res.company"].search([("siamo_role", "=", "ipm")]):
            batch.ipm_codes[company.id] = company.partner_id.ref or f"IPM{company.id}"
        people = [d.get("beneficiary") for d in sheets if isinstance(d.get("beneficiary"), dict)]
        nins = {self._nin(p.get("nin")) for p in people if p.get("nin")} - {None}
        numbers = {p["member_number"] for p in people if isinstance(p.get("member_number"), str)}
        if nins or numbers:
            found = env["siamo.beneficiary"].search(
                ["|", ("nin", "in", list(nins)), ("member_number", "in", list(numbers))]
            )
            for beneficiary in found:
                for key in (("nin", beneficiary.nin), ("member_number", beneficiary.member_number)):
                    if key[1]:
                        batch.beneficiaries.setdefault(key, []).append(beneficiary)
        lines = [
            line
            for d in sheets
            if isinstance(d.get("lines"), list)
            for line in d["lines"]
            if isinstance(line, dict)
        ]
        codes = {line.get("code") for line in lines if isinstance(line.get("code"), str)}
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
        """The content digests of the batch that the hub already holds, in one query."""
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

    @staticmethod
    def _nin(text):
        try:
            return parse_nin(text).number
        except (ValueError, TypeError):
            return None

    # ------------------------------------------------------------------ checks

    def _check(self, provider, document, batch, today, seen_keys, seen_contents):
        """``(answer, outcome, route)``: outcome says whether to store the sheet ("accept"),
        keep its refusal ("store") or keep nothing ("drop"); route, where it goes."""
        sheet_id = document.get("sheet_id") if isinstance(document, dict) else None
        if not isinstance(document, dict):
            schema = Rejection("FSE-SCHEMA", "(feuille) : objet JSON attendu")
            return rejected(None, [schema]), "drop", {}
        form = check_document(document)
        if form:
            return rejected(sheet_id, form), "drop", {}
        code = document["provider"]["code"]
        if code != provider.siamo_provider_code:
            known = self.env["res.partner"].search_count([("siamo_provider_code", "=", code)])
            reason = "FSE-PROVIDER-NOT-SELF" if known else "FSE-PROVIDER-UNKNOWN"
            return rejected(sheet_id, [Rejection(reason, code)]), "drop", {}
        digest = sheet_digest(document)
        first = batch.submissions.get((provider.id, sheet_id)) or seen_keys.get(sheet_id)
        if first is not None:
            first_digest, first_answer = (
                (first.document_digest, first._answer())
                if isinstance(first, models.BaseModel)
                else first
            )
            if first_digest == digest:
                return first_answer, "drop", {}
            return rejected(sheet_id, [Rejection("FSE-KEY-REUSED", sheet_id)]), "drop", {}
        rejections, route = self._check_content(provider, document, batch, today, seen_contents)
        answer = (
            rejected(sheet_id, rejections)
            if rejections
            else {"sheet_id": sheet_id, "status": "received"}
        )
        route["document_digest"] = digest
        seen_keys[sheet_id] = (digest, answer)
        return answer, "store" if rejections else "accept", route

    def _check_content(self, provider, document, batch, today, seen_contents):
        if not verify(document, provider.siamo_fse_public_key):
            return [Rejection("FSE-SIGNATURE")], {}
        rejections = []
        care_date = fields.Date.to_date(document["care_date"])
        if care_date > today:
            rejections.append(Rejection("FSE-CARE-DATE", document["care_date"]))
        beneficiary, ipm_rejection = self._beneficiary(document, batch)
        if ipm_rejection:
            return [*rejections, ipm_rejection], {}
        route = {"beneficiary": beneficiary, "company": beneficiary.company_id}
        if not self._agreement_in_force(beneficiary.company_id, provider, care_date, batch):
            rejections.append(Rejection("FSE-NO-AGREEMENT", beneficiary.company_id.name))
        items = []
        for index, line in enumerate(document["lines"]):
            item = (batch.acts if line["kind"] == "act" else batch.medicines).get(line["code"])
            if not item:
                rejections.append(Rejection("FSE-ITEM-UNKNOWN", f"lines/{index} : {line['code']}"))
            items.append(item)
        if rejections:
            return rejections, route
        digest = content_digest(document, beneficiary.id)
        if digest in batch.known_digests or digest in seen_contents:
            return [Rejection("FSE-DUPLICATE")], route
        seen_contents.add(digest)
        route.update(digest=digest, items=items)
        rejections = self._check_authorization(document, route, provider, care_date, batch)
        return rejections, route

    def _beneficiary(self, document, batch):
        person = document["beneficiary"]
        key = (
            ("nin", self._nin(person["nin"]))
            if person.get("nin")
            else (
                "member_number",
                person.get("member_number"),
            )
        )
        candidates = [b for b in batch.beneficiaries.get(key, []) if b.active]
        if not candidates:
            return None, Rejection("FSE-BENEFICIARY-UNKNOWN", key[1] or "")
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

    def _store(self, provider, channel, batch, answers, accepted, refused):
        sheets = self.env["siamo.fse"].create(
            [self._sheet_values(provider, document, route) for _i, document, route in accepted]
        )
        stored, lines = [], []
        for (index, document, route), sheet in zip(accepted, sheets, strict=True):
            answers[index].update(fse=sheet.name, id=sheet.id, ipm=sheet.company_id.name)
            stored.append((index, document, route, sheet))
            lines += self._line_values(sheet, document, route)
        self.env["siamo.fse.line"].create(lines)
        stored += [(index, document, route, None) for index, document, route in refused]
        self.env["siamo.fse.submission"].create(
            [
                {
                    "provider_id": provider.id,
                    "sheet_id": document["sheet_id"],
                    "company_id": route.get("company", self.env["res.company"]).id,
                    "channel": channel,
                    "document_digest": route["document_digest"],
                    "document": json.dumps(document, ensure_ascii=False),
                    "state": answers[index]["status"],
                    "reason_codes": " ".join(r["code"] for r in answers[index].get("reasons", [])),
                    "answer": json.dumps(answers[index], ensure_ascii=False),
                    "fse_id": sheet.id if sheet else False,
                }
                for index, document, route, sheet in stored
            ]
        )

    def _sheet_values(self, provider, document, route):
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
