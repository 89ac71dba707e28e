from odoo import fields, models


class SiamoIpmMixin(models.AbstractModel):
    """A record that belongs to one IPM: multi-company rules isolate it by `company_id`."""

    _name = "siamo.ipm.mixin"
    _description = "Record of an IPM"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="IPM",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
