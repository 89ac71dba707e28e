from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SiamoAccreditation(models.Model):
    _name = "siamo.accreditation"
    _description = "IPM Accreditation (agrément)"
    _inherit = [
        "siamo.icamo.mixin",
        "siamo.numbered.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.accreditation"
    _order = "date_start desc, id desc"

    name = fields.Char(string="Accreditation Number")
    ipm_partner_id = fields.Many2one(
        "res.partner",
        string="IPM",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(string="Valid Until", tracking=True)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("granted", "Granted"),
            ("suspended", "Suspended"),
            ("withdrawn", "Withdrawn"),
        ],
        default="requested",
        required=True,
        tracking=True,
    )

    def write(self, vals):
        result = super().write(vals)
        if {"name", "state"} & set(vals):
            # the warehouse keeps what each IPM's accreditation was
            ipms = self.env["siamo.icamo.ipm"].sudo().search([("accreditation_id", "in", self.ids)])
            ipms._record_history()
        return result

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for accreditation in self:
            if (
                accreditation.date_start
                and accreditation.date_end
                and accreditation.date_end < accreditation.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "An accreditation cannot end before it starts (%(number)s).",
                        number=accreditation.name,
                    )
                )
