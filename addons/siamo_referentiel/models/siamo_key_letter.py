from odoo import fields, models


class SiamoKeyLetter(models.Model):
    _name = "siamo.key.letter"
    _description = "Key Letter"
    _order = "code"
    _rec_name = "code"

    code = fields.Char(required=True)
    name = fields.Char(string="Label", required=True, translate=True)
    value_ids = fields.One2many("siamo.key.letter.value", "key_letter_id", string="Values")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two key letters cannot share the same code."),
    ]
