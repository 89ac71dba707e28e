from odoo import fields, models


class SiamoSettlementLine(models.Model):
    """What the settlement of a batch decided for one line of a care sheet. Settling a batch
    again replaces its results; a validated batch keeps them for good."""

    _name = "siamo.settlement.line"
    _description = "Settlement of a Care Sheet Line"
    _order = "batch_id, fse_line_id"
    # a million rows a batch, written by the settlement alone: who and when is the batch's
    _log_access = False

    batch_id = fields.Many2one(
        "siamo.settlement.batch", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="batch_id.company_id", string="IPM")
    fse_line_id = fields.Many2one(
        "siamo.fse.line", string="Care Sheet Line", required=True, index=True, ondelete="cascade"
    )
    fse_id = fields.Many2one(related="fse_line_id.fse_id", string="Care Sheet")
    # the code, not a link: a million rows a batch, no foreign key to check on each
    act_class = fields.Char()
    status = fields.Selection(
        [("accepted", "Accepted"), ("reduced", "Reduced"), ("rejected", "Rejected")],
        required=True,
    )
    reason_codes = fields.Char()
    allowed = fields.Integer(string="Allowed (FCFA)")
    ipm_share = fields.Integer(string="IPM Share (FCFA)")
    copayment = fields.Integer(string="Co-payment (FCFA)")
