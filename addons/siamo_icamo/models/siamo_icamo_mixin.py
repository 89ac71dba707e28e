from odoo import fields, models


class SiamoIcamoMixin(models.AbstractModel):
    """A record of the regulator: multi-company rules keep it in ICAMO's company."""

    _name = "siamo.icamo.mixin"
    _description = "Record of the Regulator"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Regulator",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
