from odoo import api, fields, models
from odoo.exceptions import UserError

from siamo_core.tariff import KeyLetterValue


class SiamoKeyLetterValue(models.Model):
    _name = "siamo.key.letter.value"
    _description = "Value of a Key Letter in a Tariff Schedule"
    _order = "key_letter_id, schedule_id, date_from desc"

    key_letter_id = fields.Many2one(
        "siamo.key.letter", required=True, ondelete="cascade", index=True
    )
    schedule_id = fields.Many2one(
        "siamo.tariff.schedule", required=True, ondelete="cascade", index=True
    )
    value = fields.Integer(string="Value (FCFA)", required=True)
    date_from = fields.Date(string="Effective Date", required=True)

    _sql_constraints = [
        (
            "version_unique",
            "unique(key_letter_id, schedule_id, date_from)",
            "A key letter has one value per schedule and effective date.",
        ),
        ("value_positive", "CHECK(value > 0)", "A key letter value must be positive."),
    ]

    @api.depends("key_letter_id", "value", "date_from")
    def _compute_display_name(self):
        for value in self:
            value.display_name = (
                f"{value.key_letter_id.code} = {value.value} FCFA ({value.date_from})"
            )

    def write(self, vals):
        if {"value", "date_from", "key_letter_id", "schedule_id"} & vals.keys():
            in_force = self.filtered(lambda v: v.date_from <= fields.Date.context_today(v))
            if in_force:
                raise UserError(
                    self.env._(
                        "A key letter value already in force is never rewritten: record the "
                        "new value with its own effective date instead (%(values)s).",
                        values=", ".join(in_force.mapped("display_name")),
                    )
                )
        return super().write(vals)

    def _to_core(self):
        return [
            KeyLetterValue(
                value.key_letter_id.code, value.schedule_id.code, value.value, value.date_from
            )
            for value in self
        ]
