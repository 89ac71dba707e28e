from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SiamoAccreditation(models.Model):
    _name = "siamo.accreditation"
    _description = "IPM Accreditation (agrément)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Accreditation Number",
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        string="Regulator",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("siamo.accreditation")
        return super().create(vals_list)
