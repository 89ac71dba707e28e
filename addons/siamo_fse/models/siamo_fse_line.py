from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.core_errors import reason_labels


class SiamoFseLine(models.Model):
    _name = "siamo.fse.line"
    _description = "Care Sheet Line"
    _inherit = ["siamo.protected.mixin"]
    _order = "fse_id, sequence, id"
    # what the provider claimed, as received and signed
    _siamo_fixed_fields = (
        "fse_id",
        "sequence",
        "kind",
        "code",
        "act_id",
        "medicine_id",
        "quantity",
        "unit_price",
        "amount",
    )

    fse_id = fields.Many2one(
        "siamo.fse", string="Care Sheet", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="fse_id.company_id", store=True, index=True)
    sequence = fields.Integer()
    kind = fields.Selection([("act", "Act"), ("medicine", "Medicine")], required=True)
    code = fields.Char(required=True)
    act_id = fields.Many2one("siamo.act", index=True)
    medicine_id = fields.Many2one("siamo.medicine", index=True)
    quantity = fields.Integer(default=1)
    unit_price = fields.Integer(string="Unit Price (FCFA)")
    amount = fields.Integer(string="Amount (FCFA)")
    settlement_line_ids = fields.One2many(
        "siamo.settlement.line", "fse_line_id", string="Settlements"
    )
    settlement_status = fields.Selection(
        [("accepted", "Accepted"), ("reduced", "Reduced"), ("rejected", "Rejected")],
        compute="_compute_settlement",
    )
    reason_codes = fields.Char(compute="_compute_settlement")
    reason_labels = fields.Char(string="Reasons", compute="_compute_reason_labels")
    allowed = fields.Integer(string="Allowed (FCFA)", compute="_compute_settlement")
    ipm_share = fields.Integer(string="IPM Share (FCFA)", compute="_compute_settlement")
    copayment = fields.Integer(string="Co-payment (FCFA)", compute="_compute_settlement")

    def _siamo_final(self):
        return self.filtered(lambda line: line.fse_id.settlement_batch_id.state == "validated")

    def _siamo_final_reason(self):
        return self.fse_id._siamo_final_reason()

    def _compute_settlement(self):
        for line in self:
            result = line.settlement_line_ids[-1:]
            line.settlement_status = result.status
            line.reason_codes = result.reason_codes
            line.allowed = result.allowed
            line.ipm_share = result.ipm_share
            line.copayment = result.copayment

    @api.depends("settlement_line_ids.reason_codes")
    @api.depends_context("lang")
    def _compute_reason_labels(self):
        for line in self:
            line.reason_labels = reason_labels(self.env, line.settlement_line_ids[-1:].reason_codes)
