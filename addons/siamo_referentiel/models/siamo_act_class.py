from odoo import fields, models


class SiamoActClass(models.Model):
    _name = "siamo.act.class"
    _description = "Class of Medical Acts"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two act classes cannot share the same code."),
    ]
