from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError

from .siamo_ipm_return import last_month

# ICAMO's collection API (siamo_icamo/controllers/returns_api.py)
RETURNS_PATH = "/siamo/api/v1/icamo/returns"
TIMEOUT = 30
# a delivery ICAMO could not take is tried again, later each time, this many times at most
MAX_ATTEMPTS = 5
RETRY_DELAY = timedelta(minutes=30)


class ReturnRefused(Exception):
    """ICAMO read the return and refused it: sending the same again changes nothing."""


class NotDelivered(Exception):
    """ICAMO could not be reached or failed: the job tries again later."""


class SiamoIpmReturn(models.Model):
    """Sending: one queue job per return, to ICAMO in this database or at the IPM's remote
    address with its API key; the answer, acknowledgement or problems, kept on the return."""

    _inherit = "siamo.ipm.return"  # pylint: disable=consider-merging-classes-inherited

    def _send_later(self, eta=None):
        """Queue the delivery of these computed returns."""
        for record in self:
            destination = record.company_id.sudo().siamo_icamo_delivery
            if destination not in ("local", "remote"):
                raise UserError(
                    self.env._(
                        "%(ipm)s has no ICAMO to send its returns to: the manager chooses it "
                        "in IPM > Regulator > ICAMO Settings.",
                        ipm=record.company_id.name,
                    )
                )
            record._siamo_protected().write({"state": "sent", "destination": destination})
            record.with_delay(
                description=self.env._("Send %(number)s to ICAMO", number=record.name),
                identity_key=f"siamo-ipm-return-{record.id}-{record.attempt_count}",
                eta=eta,
            )._deliver()

    @api.model
    def _cron_send_last_month(self):
        """Monthly: last month's return of every IPM that sends its returns, a job each (one
        IPM's trouble stops no other)."""
        month = last_month(fields.Date.context_today(self))
        companies = self.env["res.company"].search(
            [("siamo_role", "=", "ipm"), ("siamo_icamo_delivery", "in", ("local", "remote"))]
        )
        for company in companies:
            self.with_company(company).with_delay(
                description=self.env._(
                    "Return of %(month)s to ICAMO for %(ipm)s",
                    month=month.strftime("%m/%Y"),
                    ipm=company.name,
                ),
                identity_key=f"siamo-ipm-return-month-{company.id}-{month}",
            )._send_month(company, month)

    @api.model
    def _send_month(self, company, month):
        """Job: compute ``company``'s return of ``month`` and send it, unless one already
        went (the manager sent it by hand)."""
        sent = self.search(
            [
                ("company_id", "=", company.id),
                ("period", "=", month),
                ("state", "in", ("sent", "acknowledged")),
            ],
            limit=1,
        )
        if sent:
            return self.env._("%(number)s was already sent.", number=sent.name)
        record = self.create({"company_id": company.id, "period": month})
        record._compute_document()
        record._send_later()
        return record.name

    # ------------------------------------------------------------------ the job

    def _deliver(self):
        """Job: hand the return to ICAMO and keep its answer. When ICAMO cannot be reached,
        the error is kept and a new attempt queued, later each time."""
        self.ensure_one()
        if self.state not in ("sent", "error"):
            return self.env._("%(number)s is no longer to send.", number=self.name)
        attempt = self.attempt_count + 1
        values = {"attempt_count": attempt, "sent_at": fields.Datetime.now()}
        try:
            local = self.destination == "local"
            answer = self._deliver_here() if local else self._deliver_remote()
        except ReturnRefused as refused:
            self._siamo_protected().write({**values, "state": "refused", "answer": str(refused)})
            self.message_post(body=self.env._("ICAMO refused the return: %(why)s", why=refused))
            return str(refused)
        except NotDelivered as failed:
            self._siamo_protected().write({**values, "state": "error", "answer": str(failed)})
            return self._retry_later(attempt, str(failed))
        text = self._acknowledgement_text(answer)
        self._siamo_protected().write(
            {
                **values,
                "state": "acknowledged",
                "acknowledgement": answer["acknowledgement"],
                "icamo_version": answer.get("version") or 0,
                "answer": text,
            }
        )
        self.message_post(body=text)
        return text

    def _retry_later(self, attempt, error):
        if attempt >= MAX_ATTEMPTS:
            message = self.env._(
                "Attempt %(attempt)s failed: %(error)s The return is no longer sent on its "
                "own: send it again once ICAMO can be reached.",
                attempt=attempt,
                error=error,
            )
        else:
            eta = fields.Datetime.now() + RETRY_DELAY * attempt
            self.with_delay(
                description=self.env._("Send %(number)s to ICAMO again", number=self.name),
                identity_key=f"siamo-ipm-return-{self.id}-{attempt}",
                eta=eta,
            )._deliver()
            message = self.env._(
                "Attempt %(attempt)s failed: %(error)s Next attempt on %(eta)s (UTC).",
                attempt=attempt,
                error=error,
                eta=fields.Datetime.to_string(eta),
            )
        self.message_post(body=message)
        return message

    def _acknowledgement_text(self, answer):
        if answer.get("supersedes"):
            return self.env._(
                "ICAMO acknowledged the return under number %(number)s (version %(version)s "
                "at ICAMO), in place of %(previous)s.",
                number=answer["acknowledgement"],
                version=answer.get("version"),
                previous=answer["supersedes"],
            )
        return self.env._(
            "ICAMO acknowledged the return under number %(number)s.",
            number=answer["acknowledgement"],
        )

    def _deliver_here(self):
        """ICAMO's answer when it runs in this database: the return handed to its books as
        its API would (the sender is the user the job runs as)."""
        if "siamo.icamo.return" not in self.env:
            raise NotDelivered(
                self.env._(
                    "ICAMO is not installed in this database: choose its remote address in "
                    "the ICAMO settings."
                )
            )
        code = self.document["ipm"]
        # the code is the IPM's own setting: it must name this IPM, not another one
        followed = (
            self.env["siamo.icamo.ipm"]
            .sudo()
            .search(
                [("code", "=", code), ("partner_id", "=", self.company_id.partner_id.id)],
                limit=1,
            )
        )
        if not followed:
            raise ReturnRefused(
                self.env._(
                    "ICAMO follows no IPM with the code “%(code)s” for %(ipm)s.",
                    code=code,
                    ipm=self.company_id.name,
                )
            )
        # sudo: the IPM hands its return to ICAMO's books, as ICAMO's API does
        returns = self.env["siamo.icamo.return"].sudo().with_company(followed.company_id)
        try:
            with self.env.cr.savepoint():
                received = returns._receive(self.document, "api")
        except UserError as error:
            raise ReturnRefused(error.args[0]) from error
        previous = returns.search([("superseded_by_id", "=", received.id)], limit=1)
        return {
            "acknowledgement": received.name,
            "version": received.version,
            "supersedes": previous.name or None,
        }

    def _deliver_remote(self):
        """ICAMO's answer from its collection API, reached with the IPM's API key."""
        company = self.company_id.sudo()
        url = (company.siamo_icamo_url or "").rstrip("/")
        if not url.endswith(RETURNS_PATH):
            url += RETURNS_PATH
        try:
            response = requests.post(
                url,
                json=self.document,
                headers={"Authorization": f"Bearer {company.siamo_icamo_api_key or ''}"},
                timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            raise NotDelivered(
                self.env._("ICAMO cannot be reached at %(url)s (%(error)s).", url=url, error=error)
            ) from error
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if response.status_code == 201 and body.get("acknowledgement"):
            return body
        if response.status_code == 422:
            problems = [problem.get("message", "") for problem in body.get("problems", [])]
            raise ReturnRefused("\n".join([self.env._("ICAMO found problems:"), *problems]))
        if response.status_code in (401, 403):
            raise ReturnRefused(
                body.get("message")
                or self.env._("ICAMO does not accept the IPM's API key: check it in the settings.")
            )
        raise NotDelivered(
            self.env._("ICAMO answered with the error %(status)s.", status=response.status_code)
        )
