from odoo import fields, models


class SiamoTariffSchedule(models.Model):
    _name = "siamo.tariff.schedule"
    _description = "Tariff Schedule"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    legal_basis = fields.Char(help="The order that fixes this schedule.")
    value_ids = fields.One2many("siamo.key.letter.value", "schedule_id", string="Key Letter Values")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two tariff schedules cannot share the same code."),
    ]
