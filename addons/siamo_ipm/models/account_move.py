from odoo import api, fields, models
from odoo.osv.expression import AND, OR

from siamo_core.contributions import late_surcharge

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    siamo_copayment_statement_id = fields.Many2one(
        "siamo.copayment.statement", string="Deduction Statement", index=True, copy=False
    )
    siamo_surcharge_of_id = fields.Many2one(
        "account.move",
        string="Surcharge Of",
        index=True,
        copy=False,
        help="The unpaid contribution invoice this late-payment surcharge applies to.",
    )

    @api.model
    def _siamo_member_company_documents(self):
        """The kinds of invoices a member company reads in its portal, each as a domain."""
        return [
            [("siamo_contribution_period_id", "!=", False)],
            [("siamo_surcharge_of_id", "!=", False)],
            [("siamo_copayment_statement_id", "!=", False)],
        ]

    @api.model
    def _siamo_member_company_domain(self):
        return AND(
            [
                [("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted")],
                OR(self._siamo_member_company_documents()),
            ]
        )

    def _siamo_portal_label(self):
        """What the invoice is for, as the member company's portal names it."""
        self.ensure_one()
        if self.siamo_contribution_period_id:
            return self.siamo_contribution_period_id.name
        if self.siamo_copayment_statement_id:
            return self.siamo_copayment_statement_id._title()
        return self.env._("Late-payment surcharge")

    def _siamo_attach_annex(self, pdf, xlsx):
        """Attach the invoice's annex, as PDF and spreadsheet; the member company downloads
        them from its portal."""
        self.ensure_one()
        stem = f"annexe_{(self.name or '').replace('/', '-')}"
        self.env["ir.attachment"].create(
            [
                {
                    "name": f"{stem}.pdf",
                    "res_model": "account.move",
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                    "raw": pdf,
                },
                {
                    "name": f"{stem}.xlsx",
                    "res_model": "account.move",
                    "res_id": self.id,
                    "mimetype": XLSX_MIMETYPE,
                    "raw": xlsx,
                },
            ]
        )

    def _siamo_invoice_surcharge(self, rules, on_date):
        """Invoice the late-payment surcharge of this unpaid contribution invoice, once."""
        self.ensure_one()
        already = self.search_count([("siamo_surcharge_of_id", "=", self.id)])
        amount = late_surcharge(int(self.amount_residual), rules)
        if already or amount <= 0:
            return self.browse()
        surcharge = self.create(
            {
                "move_type": "out_invoice",
                "company_id": self.company_id.id,
                "partner_id": self.partner_id.id,
                "invoice_date": on_date,
                "invoice_date_due": on_date,
                "siamo_surcharge_of_id": self.id,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": self.env._(
                                "Late-payment surcharge on %(invoice)s", invoice=self.name
                            ),
                            "quantity": 1,
                            "price_unit": amount,
                            "account_id": self.company_id.siamo_contribution_account_id.id,
                            "tax_ids": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        surcharge.action_post()
        return surcharge

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

    def _siamo_form_action(self):
        """The action opening this entry's form (a batch's bill, a statement's invoice)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.id,
            "view_mode": "form",
        }
