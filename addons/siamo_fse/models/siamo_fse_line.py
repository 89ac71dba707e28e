from odoo import fields, models


class SiamoFseLine(models.Model):
    _name = "siamo.fse.line"
    _description = "Care Sheet Line"
    _order = "fse_id, sequence, id"

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
    settlement_status = fields.Selection(
        [("accepted", "Accepted"), ("reduced", "Reduced"), ("rejected", "Rejected")],
        readonly=True,
    )
    reason_codes = fields.Char(readonly=True)
    act_class_id = fields.Many2one("siamo.act.class", readonly=True, index=True)
    allowed = fields.Integer(string="Allowed (FCFA)", readonly=True)
    ipm_share = fields.Integer(string="IPM Share (FCFA)", readonly=True)
    copayment = fields.Integer(string="Co-payment (FCFA)", readonly=True)
