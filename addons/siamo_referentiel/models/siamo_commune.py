from odoo import fields, models


class SiamoCommune(models.Model):
    _name = "siamo.commune"
    _description = "Commune of Senegal"
    _order = "name"

    name = fields.Char(required=True, index="trigram")
    code = fields.Char(required=True)
    department_id = fields.Many2one(
        "siamo.department", required=True, ondelete="restrict", index=True
    )
    region_id = fields.Many2one(related="department_id.region_id", store=True, index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two communes cannot share the same code."),
    ]
