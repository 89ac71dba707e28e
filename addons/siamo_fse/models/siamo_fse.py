from odoo import fields, models


class SiamoFse(models.Model):
    _name = "siamo.fse"
    _description = "Care Sheet (FSE)"
    _inherit = ["siamo.ipm.mixin", "siamo.numbered.mixin", "mail.thread", "mail.activity.mixin"]
    _sequence_code = "siamo.fse"
    _order = "care_date desc, id desc"

    name = fields.Char(string="Sheet Number")
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        required=True,
        index=True,
        check_company=True,
        domain="[('siamo_is_provider', '=', True)]",
        tracking=True,
    )
    beneficiary_id = fields.Many2one(
        "siamo.beneficiary",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    care_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    amount_claimed = fields.Integer(string="Amount Claimed (FCFA)", tracking=True)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("qualified", "Qualified"),
            ("rejected", "Rejected"),
            ("settled", "Settled"),
        ],
        default="received",
        required=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "amount_claimed_positive",
            "CHECK(amount_claimed >= 0)",
            "A claimed amount cannot be negative.",
        ),
    ]
