from odoo import fields, models


class SiamoDepartment(models.Model):
    _name = "siamo.department"
    _description = "Department of Senegal"
    _order = "region_id, name"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    region_id = fields.Many2one("siamo.region", required=True, ondelete="restrict", index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two departments cannot share the same code."),
    ]
