from odoo import api, fields, models


class SiamoNumberedMixin(models.AbstractModel):
    """A record whose `name` is the next number of the sequence `_sequence_code`."""

    _name = "siamo.numbered.mixin"
    _description = "Record Numbered by a Sequence"
    _sequence_code = None

    name = fields.Char(
        string="Number",
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
    )

    @api.model_create_multi
    def create(self, vals_list):
        new = self.env._("New")
        for vals in vals_list:
            if vals.get("name", new) == new:
                company = self.env["res.company"].browse(vals.get("company_id"))
                sequence = self.env["ir.sequence"].with_company(company or self.env.company)
                vals["name"] = sequence.next_by_code(self._sequence_code)
        return super().create(vals_list)
