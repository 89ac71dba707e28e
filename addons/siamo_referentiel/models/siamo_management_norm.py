from odoo import fields, models


class SiamoManagementNorm(models.Model):
    _name = "siamo.management.norm"
    _description = "IPM Management Norm"
    _order = "code, date_from desc"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    description = fields.Text(translate=True)
    bound = fields.Selection(
        [("max", "At most"), ("min", "At least")], required=True, default="max"
    )
    value = fields.Float(required=True, digits=(12, 2))
    unit = fields.Selection(
        [("percent", "%"), ("months", "Months"), ("ratio", "Ratio")],
        required=True,
        default="percent",
    )
    date_from = fields.Date(string="Effective Date", required=True)

    _sql_constraints = [
        (
            "version_unique",
            "unique(code, date_from)",
            "A norm has one value per effective date.",
        ),
    ]
