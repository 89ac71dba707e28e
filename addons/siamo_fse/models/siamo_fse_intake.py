import json

from psycopg2.errors import UniqueViolation

from odoo import api, models

from siamo_core.acceptance import rejected_answer
from siamo_core.fse import Rejection, check_document, verify
from siamo_core.fse.acceptance import (
    Earlier,
    provider_rejection,
    retry_verdict,
    sheet_from_document,
    verdict_answer,
)


class IntakeConflict(Exception):
    """Another request received a sheet under the same id at the same moment, and has
    committed since: seen from a new transaction, this sheet is that one's retry."""


class SiamoFseIntake(models.AbstractModel):
    """The door of the exchange platform: each sheet is checked against the format, who sends
    it, its idempotency key and its signature, then handed to the IPM's acceptance
    (``siamo.fse.acceptance``) before anything is written, and stored with its original
    document. The answer acknowledges every sheet."""

    _name = "siamo.fse.intake"
    _inherit = "siamo.fse.acceptance"
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
        sheets = [d for d in documents if isinstance(d, dict)]
        batch = intake._prefetch(provider, sheets)
        batch.submissions = intake._submissions_of(provider, sheets)
        batch.presence = intake._prefetch_presence(provider, sheets)
        answers, accepted, refused = [], [], []
        seen_keys, seen_contents = {}, set()
        for index, document in enumerate(documents):
            answer, outcome, route = intake._check(
                provider, document, batch, seen_keys, seen_contents
            )
            answers.append(answer)
            if outcome == "accept":
                accepted.append((index, document, route))
            elif outcome == "store":
                refused.append((index, document, route))
        try:
            with env.cr.savepoint():
                intake._store(provider, channel, answers, accepted, refused)
        except UniqueViolation as error:
            raise IntakeConflict() from error
        return answers

    def _submissions_of(self, provider, sheets):
        sheet_ids = [d.get("sheet_id") for d in sheets if isinstance(d.get("sheet_id"), str)]
        if not sheet_ids:
            return {}
        # only a received sheet holds its key (see siamo_core.fse.acceptance.retry_verdict)
        submissions = self.env["siamo.fse.submission"].search(
            [
                ("provider_id", "=", provider.id),
                ("sheet_id", "in", sheet_ids),
                ("state", "=", "received"),
            ]
        )
        return {(s.provider_id.id, s.sheet_id): s for s in submissions}

    # ------------------------------------------------------------------ checks

    def _check(self, provider, document, batch, seen_keys, seen_contents):
        """``(answer, outcome, route)``: outcome says whether to store the sheet ("accept"),
        keep its refusal ("store") or keep nothing ("drop"); route, where it goes."""
        sheet_id = document.get("sheet_id") if isinstance(document, dict) else None
        if not isinstance(document, dict):
            schema = Rejection("FSE-SCHEMA", "(feuille) : objet JSON attendu")
            return rejected_answer(None, [schema]), "drop", {}
        form = check_document(document)
        if form:
            return rejected_answer(sheet_id, form), "drop", {}
        sheet = sheet_from_document(document)
        caller = provider.siamo_provider_code
        known = sheet.provider == caller or bool(
            self.env["res.partner"].search_count([("siamo_provider_code", "=", sheet.provider)])
        )
        refused = provider_rejection(sheet, caller, known)
        if refused:
            return rejected_answer(sheet_id, [refused]), "drop", {}
        digest = sheet.document_digest
        retry = retry_verdict(sheet, self._earlier(batch, provider, sheet_id, seen_keys))
        if retry:
            return verdict_answer(sheet_id, retry), "drop", {}
        if not verify(document, provider.siamo_fse_public_key):
            rejections, route = [Rejection("FSE-SIGNATURE")], {}
        else:
            rejections, route = self._check_content(provider, document, batch, seen_contents)
            if not rejections:
                rejections = self._check_presence(provider, document, route, batch)
        answer = (
            rejected_answer(sheet_id, rejections)
            if rejections
            else {"sheet_id": sheet_id, "status": "received"}
        )
        route["document_digest"] = digest
        seen_keys[sheet_id] = (digest, answer)
        return answer, "store" if rejections else "accept", route

    def _prefetch_presence(self, provider, sheets):
        """What :meth:`_check_presence` reads for ``sheets``, fetched once for the batch. The
        hub alone knows no identity check: ``siamo_biometrie`` finds the proofs."""
        return {}

    def _check_presence(self, provider, document, route, batch):
        """Why the sheet's proof of presence does not prove it (rejections), for a sheet the
        IPM accepts otherwise; ``route`` may note the proof for the sheet to keep. Without
        ``siamo_biometrie``, a proof is kept as the provider declared it."""
        return []

    @staticmethod
    def _earlier(batch, provider, sheet_id, seen_keys):
        """The earlier submission under this sheet id: stored, or earlier in this batch."""
        first = batch.submissions.get((provider.id, sheet_id))
        if first is not None:
            return Earlier(first.document_digest, first._answer())
        if sheet_id in seen_keys:
            return Earlier(*seen_keys[sheet_id])
        return None

    # ------------------------------------------------------------------ storing

    def _store(self, provider, channel, answers, accepted, refused):
        sheets = self._create_sheets(
            provider, [(document, route) for _i, document, route in accepted], channel
        )
        stored = []
        for (index, document, route), sheet in zip(accepted, sheets, strict=True):
            answers[index].update(fse=sheet.name, id=sheet.id, ipm=sheet.company_id.name)
            stored.append((index, document, route, sheet))
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
