from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    siamo_copayment_statement_id = fields.Many2one(
        "siamo.copayment.statement", string="Deduction Statement", index=True, copy=False
    )

    @api.model
    def _siamo_member_company_documents(self):
        """Member companies also read their co-payment deduction statements."""
        return [
            *super()._siamo_member_company_documents(),
            [("siamo_copayment_statement_id", "!=", False)],
        ]

    def _siamo_form_action(self):
        """The action opening this entry's form (a batch's bill, a statement's invoice)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.id,
            "view_mode": "form",
        }

    def _siamo_portal_label(self):
        if self.siamo_copayment_statement_id:
            return self.siamo_copayment_statement_id._title()
        return super()._siamo_portal_label()
