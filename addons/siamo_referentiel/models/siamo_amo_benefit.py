from odoo import fields, models


class SiamoAmoBenefit(models.Model):
    _name = "siamo.amo.benefit"
    _description = "AMO Benefit"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    compulsory = fields.Boolean(help="Every IPM's care package must cover it.")
    act_class_ids = fields.Many2many("siamo.act.class", string="Act Classes")
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two benefits cannot share the same code."),
    ]
