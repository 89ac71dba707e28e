from odoo import fields, models

DAKAR = "Africa/Dakar"


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        """Rules are cached per user; a provider's rules name the IPMs it has an agreement in
        force with today, so the day is part of the key and an agreement that ends at
        midnight stops opening its sheets the next morning."""
        yield from super()._compute_domain_context_values()
        yield fields.Date.context_today(self.with_context(tz=DAKAR))
