from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    siamo_icamo_return_due_days = fields.Integer(
        string="Returns Due (days after the month)",
        default=15,
        help="An IPM's return of a month is late this many days after the month's end.",
    )
