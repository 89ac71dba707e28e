from odoo import api, fields, models
from odoo.exceptions import UserError


class SiamoReimbursement(models.TransientModel):
    """A participant paid a provider himself: the IPM records his care sheet and the receipts
    he brought, settles it by the same rules as any sheet and will pay him its share."""

    _name = "siamo.reimbursement"
    _description = "Reimbursement Claim of a Participant"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="IPM", required=True, default=lambda self: self.env.company
    )
    beneficiary_id = fields.Many2one(
        "siamo.beneficiary", string="Patient", required=True, check_company=True
    )
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        required=True,
        domain="[('siamo_is_provider', '=', True)]",
    )
    care_date = fields.Date(required=True)
    line_ids = fields.One2many("siamo.reimbursement.line", "reimbursement_id", string="Care")
    receipt_ids = fields.Many2many("ir.attachment", string="Receipts")
    amount_claimed = fields.Integer(string="Paid (FCFA)", compute="_compute_amount_claimed")

    @api.depends("line_ids.amount")
    def _compute_amount_claimed(self):
        for claim in self:
            claim.amount_claimed = sum(claim.line_ids.mapped("amount"))

    def _check_claim(self):
        if not self.line_ids:
            raise UserError(self.env._("List the care the participant paid for."))
        if not self.receipt_ids:
            raise UserError(self.env._("Attach the provider's receipts: they prove the payment."))
        if self.care_date > fields.Date.context_today(self):
            raise UserError(self.env._("The care date cannot be in the future."))
        for line in self.line_ids:
            if bool(line.act_id) == bool(line.medicine_id):
                raise UserError(self.env._("Each line is either an act or a medicine."))
            if line.quantity <= 0 or line.amount <= 0:
                raise UserError(
                    self.env._("Each line has a positive quantity and the amount paid.")
                )

    def action_record_and_settle(self):
        """Record the sheet, settle it in a reimbursement batch and open the batch."""
        self.ensure_one()
        self._check_claim()
        sheet = self.env["siamo.fse"].create(self._sheet_values())
        self.receipt_ids.write({"res_model": "siamo.fse", "res_id": sheet.id})
        sheet.message_post(
            body=self.env._("Reimbursement claim recorded with its receipts."),
            attachment_ids=self.receipt_ids.ids,
        )
        participant = self.beneficiary_id.participant_id or self.beneficiary_id
        batch = self.env["siamo.settlement.batch"].create(
            {
                "company_id": self.company_id.id,
                "payee": "participant",
                "participant_id": participant.id,
                "date_from": self.care_date,
                "date_to": self.care_date,
            }
        )
        batch.action_settle()
        return {
            "type": "ir.actions.act_window",
            "res_model": "siamo.settlement.batch",
            "res_id": batch.id,
            "view_mode": "form",
        }

    def _sheet_values(self):
        return {
            "company_id": self.company_id.id,
            "provider_id": self.provider_id.id,
            "beneficiary_id": self.beneficiary_id.id,
            "care_date": self.care_date,
            "payee": "participant",
            "amount_claimed": self.amount_claimed,
            "receipt_ids": [fields.Command.set(self.receipt_ids.ids)],
            "line_ids": [
                fields.Command.create(line._sheet_line_values(sequence))
                for sequence, line in enumerate(self.line_ids, start=1)
            ],
        }


class SiamoReimbursementLine(models.TransientModel):
    _name = "siamo.reimbursement.line"
    _description = "Care Paid by a Participant"

    reimbursement_id = fields.Many2one("siamo.reimbursement", required=True, ondelete="cascade")
    act_id = fields.Many2one("siamo.act")
    medicine_id = fields.Many2one("siamo.medicine")
    quantity = fields.Integer(default=1)
    amount = fields.Integer(string="Paid (FCFA)")

    def _sheet_line_values(self, sequence):
        item = self.act_id or self.medicine_id
        return {
            "sequence": sequence,
            "kind": "act" if self.act_id else "medicine",
            "code": item.code,
            "act_id": self.act_id.id,
            "medicine_id": self.medicine_id.id,
            "quantity": self.quantity,
            "unit_price": self.amount // self.quantity,
            "amount": self.amount,
        }
