from odoo import api, fields, models


class SiamoFse(models.Model):
    _name = "siamo.fse"
    _description = "Care Sheet (FSE)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _order = "care_date desc, id desc"

    name = fields.Char(
        string="Sheet Number",
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        string="IPM",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("siamo.fse")
        return super().create(vals_list)
