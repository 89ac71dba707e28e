import logging

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

BACKGROUND_COMPANIES = 100  # default: a month of more member companies is prepared by a job


def _first_of_last_month(records):
    return fields.Date.context_today(records).replace(day=1) - relativedelta(months=1)


class SiamoCopaymentStatementPrepare(models.TransientModel):
    """The deduction statements of a month, one per member company: prepared at once, or by
    a queue job when the month has many member companies. The wizard stays while its job is
    queued or running (the vacuum spares it): the menu opens it again to see where it
    stands, then the statements it made."""

    _name = "siamo.copayment.statement.prepare"
    _inherit = ["siamo.job.mixin"]
    _description = "Prepare the Co-payment Deduction Statements of a Month"

    company_id = fields.Many2one(
        "res.company", string="IPM", required=True, default=lambda self: self.env.company
    )
    month = fields.Date(required=True, default=_first_of_last_month)
    state = fields.Selection(
        [("draft", "To Prepare"), ("running", "Running"), ("done", "Done")],
        default="draft",
        readonly=True,
    )
    statement_ids = fields.Many2many("siamo.copayment.statement", string="Statements")

    def _transient_clean_rows_older_than(self, seconds):
        if not self._siamo_job_vacuum(seconds):
            return super()._transient_clean_rows_older_than(seconds)
        return None

    @api.model
    def action_open(self):
        """The menu: the user's preparation under way if there is one, else a new one."""
        running = self.search(
            [
                ("create_uid", "=", self.env.uid),
                ("company_id", "in", self.env.companies.ids),
                ("state", "=", "running"),
            ],
            order="id desc",
        ).filtered(lambda wizard: wizard._siamo_job_busy())
        if running:
            return running[0]._reopen()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "siamo_ipm.siamo_copayment_statement_prepare_action"
        )

    def action_prepare(self):
        self.ensure_one()
        if self._siamo_job_busy():
            raise UserError(self.env._("These statements are already being prepared."))
        statements = self.env["siamo.copayment.statement"]
        companies = statements._member_companies_waiting(self.company_id, self.month)
        if not companies:
            raise UserError(self._nothing_waiting())
        if companies > self._background_companies():
            self.write({"state": "running"})
            self._siamo_job_queued(self.env._("Waiting for the job runner."))
            self.with_delay(
                description=self.env._(
                    "Deduction statements of %(month)s for %(ipm)s",
                    month=self.month.strftime("%m/%Y"),
                    ipm=self.company_id.name,
                )
            )._prepare_job()
            return self._reopen()
        return self._statements_action(statements._prepare(self.company_id, self.month))

    def action_refresh(self):
        return self._reopen()

    def action_view_statements(self):
        self.ensure_one()
        return self._statements_action(self.statement_ids)

    def _nothing_waiting(self):
        return self.env._("No co-payment advanced by the IPM is waiting for a statement.")

    def _background_companies(self):
        """A month of more member companies than this is prepared by a queue job."""
        parameters = self.env["ir.config_parameter"].sudo()
        return int(
            parameters.get_param(
                "siamo_ipm.copayment_statement_background_companies", BACKGROUND_COMPANIES
            )
        )

    def _statements_action(self, statements):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "siamo_ipm.siamo_copayment_statement_action"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Prepare Deduction Statements"),
        }

    # ------------------------------------------------------------ the job

    def _prepare_job(self):
        """The queue job: the statements of the month in the job's one transaction. On
        failure none is made; the wizard and a notification say why."""
        try:
            return self._siamo_job_run(
                "_prepare_in_job", done_message=self.env._("Statements prepared.")
            )
        except Exception as error:
            _logger.warning("Deduction statements of wizard %s failed: %s", self.id, error)
            self._siamo_job_notify(
                "danger",
                self.env._("Deduction statements not prepared"),
                self._siamo_job_reason(error),
                apart=True,
            )
            raise

    def _prepare_in_job(self):
        statements = self.env["siamo.copayment.statement"]._prepare(
            self.company_id, self.month, progress=self._report_progress
        )
        if not statements:
            raise UserError(self._nothing_waiting())
        self.write({"state": "done", "statement_ids": [Command.set(statements.ids)]})
        summary = self.env._("%(count)s statement(s) prepared", count=len(statements))
        self._siamo_job_notify("success", self.env._("Deduction statements prepared"), summary)
        return summary

    def _report_progress(self, done, total):
        self._siamo_job_step(
            done,
            total,
            self.env._("%(done)s of %(total)s member companies.", done=done, total=total),
        )
