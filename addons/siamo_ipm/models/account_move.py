from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    siamo_contribution_period_id = fields.Many2one(
        "siamo.contribution.period", string="Contribution Period", index=True, copy=False
    )
    siamo_contribution_line_ids = fields.One2many(
        "siamo.contribution.line", "move_id", string="Contribution Lines"
    )
    siamo_reminder_ids = fields.One2many(
        "siamo.contribution.reminder", "move_id", string="Reminders"
    )

    def _siamo_paid_on(self):
        """The day the invoice was fully paid, or None while something is due."""
        self.ensure_one()
        if self.payment_state not in ("paid", "in_payment"):
            return None
        receivable = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        dates = (receivable.matched_credit_ids | receivable.matched_debit_ids).mapped("max_date")
        return max(dates) if dates else self.invoice_date

    def _siamo_send_reminder(self, step, today):
        """Send the reminder or formal notice ``step`` by email, trace it, and ask the
        accountant to follow up."""
        self.ensure_one()
        template = self.env.ref(
            "siamo_ipm.mail_template_contribution_formal_notice"
            if step.kind == "formal_notice"
            else "siamo_ipm.mail_template_contribution_reminder"
        )
        self.env["siamo.contribution.reminder"].create(
            {
                "move_id": self.id,
                "days": step.days,
                "kind": step.kind,
                "sent_on": today,
                "amount_due": int(self.amount_residual),
            }
        )
        self.with_context(lang=self.partner_id.lang).message_post_with_source(
            template, subtype_xmlid="mail.mt_comment"
        )
        self.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=today,
            summary=self.env._(
                "Call %(company)s about its unpaid contributions", company=self.partner_id.name
            ),
            user_id=(self.invoice_user_id or self.create_uid).id,
        )
