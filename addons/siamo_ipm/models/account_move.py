from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    siamo_contribution_period_id = fields.Many2one(
        "siamo.contribution.period", string="Contribution Period", index=True, copy=False
    )
    siamo_contribution_line_ids = fields.One2many(
        "siamo.contribution.line", "move_id", string="Contribution Lines"
    )
