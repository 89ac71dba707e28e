from odoo import api, fields, models


def next_numbers(env, code, company, count):
    """``count`` numbers of the sequence ``code`` for ``company`` at once: a staff list or a
    batch of care sheets brings hundreds."""
    sequence = (
        env["ir.sequence"]
        .sudo()
        .search(
            [("code", "=", code), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
    )
    if not sequence:
        return [False] * count
    if sequence.implementation != "standard" or sequence.use_date_range:
        return [sequence.with_company(company).next_by_id() for _index in range(count)]
    env.cr.execute(
        "SELECT nextval(%s) FROM generate_series(1, %s)",
        (f"ir_sequence_{sequence.id:03d}", count),
    )
    return [sequence.get_next_char(number) for (number,) in env.cr.fetchall()]


class SiamoNumberedMixin(models.AbstractModel):
    """A record whose `name` is the next number of the sequence `_sequence_code`; a batch of
    records takes its numbers in one query."""

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
        unnumbered = [vals for vals in vals_list if vals.get("name", new) == new]
        by_company = {}
        for vals in unnumbered:
            by_company.setdefault(vals.get("company_id") or self.env.company.id, []).append(vals)
        for company_id, company_vals in by_company.items():
            company = self.env["res.company"].browse(company_id)
            numbers = next_numbers(self.env, self._sequence_code, company, len(company_vals))
            for vals, number in zip(company_vals, numbers, strict=True):
                vals["name"] = number
        return super().create(vals_list)
