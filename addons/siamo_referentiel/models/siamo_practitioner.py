from odoo import fields, models


class SiamoPractitioner(models.Model):
    _name = "siamo.practitioner"
    _description = "Practitioner of a Care Provider"
    _order = "name"

    name = fields.Char(required=True)
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('siamo_is_provider', '=', True)]",
    )
    specialty = fields.Char()
    order_number = fields.Char(
        help="Registration number with the professional order (Ordre des médecins...)."
    )
    active = fields.Boolean(default=True)
