import logging

from odoo import api, fields, models
from odoo.addons.queue_job.job import identity_exact

from siamo_core.contributions import surcharge_due
from siamo_core.eligibility import suspended_since
from siamo_core.reminders import next_reminder

_logger = logging.getLogger(__name__)
UNPAID = ("not_paid", "partial")


class SiamoContributionFollowup(models.AbstractModel):
    """The daily recovery of contributions: reminders on the IPM's schedule, rights suspended
    after the grace period and restored once the arrears are paid. The cron queues one job per
    IPM, run in that IPM's company: one IPM's failure stops no other."""

    _name = "siamo.contribution.followup"
    _description = "Recovery of Contributions"

    @api.model
    def _cron_follow_up(self, today=None):
        today = today or fields.Date.context_today(self)
        ipms = self.env["res.company"].search([("siamo_role", "=", "ipm")])
        for ipm in ipms:
            self.with_company(ipm).with_delay(
                description=self.env._(
                    "Recovery of contributions of %(ipm)s on %(date)s",
                    ipm=ipm.name,
                    date=today.strftime("%d/%m/%Y"),
                ),
                identity_key=identity_exact,
            )._follow_up_ipm(ipm, today)

    def _follow_up_ipm(self, ipm, today):
        """Job: the recovery of one IPM on ``today``."""
        followup = self.with_company(ipm)
        followup._send_reminders(ipm, today)
        followup._update_rights(ipm, today)

    def _contribution_invoices(self, ipm, memberships=None):
        domain = [
            ("company_id", "=", ipm.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("siamo_contribution_period_id", "!=", False),
        ]
        if memberships is not None:
            domain.append(("partner_id", "in", memberships.partner_id.ids))
        return self.env["account.move"].search(domain)

    # ------------------------------------------------------------------ reminders

    def _send_reminders(self, ipm, today):
        steps = self.env["siamo.ipm.rule"]._reminder_steps_on(ipm, today)
        unpaid = self._contribution_invoices(ipm).filtered(
            lambda move: move.payment_state in UNPAID and move.invoice_date_due
        )
        for move in unpaid:
            step = next_reminder(
                move.invoice_date_due,
                today,
                set(move.siamo_reminder_ids.mapped("days")),
                paid=False,
                steps=steps,
            )
            if step:
                move._siamo_send_reminder(step, today)

    # ------------------------------------------------------------------ rights

    def _invoice_surcharges(self, moves, rules, today):
        """Contributions still unpaid past the grace period bear the late-payment surcharge."""
        for move in moves.filtered(lambda m: m.payment_state in UNPAID):
            if surcharge_due(move.invoice_date_due, today, rules):
                move._siamo_invoice_surcharge(rules, today)

    def _update_rights(self, ipm, today):
        rules = self.env["siamo.ipm.rule"]._rules_on(ipm, today)
        memberships = self.env["siamo.membership"].search(
            [("company_id", "=", ipm.id), ("state", "in", ("active", "suspended"))]
        )
        invoices = self._contribution_invoices(ipm, memberships).grouped("partner_id")
        for membership in memberships:
            moves = invoices.get(membership.partner_id, self.env["account.move"])
            dues = [(move.invoice_date_due, move._siamo_paid_on()) for move in moves]
            since = suspended_since(dues, rules, today)
            if since and membership.state == "active":
                membership._siamo_suspend_for_arrears(since)
                self._invoice_surcharges(moves, rules, today)
            elif not since and membership.suspended_for_arrears:
                membership._siamo_restore_rights()
