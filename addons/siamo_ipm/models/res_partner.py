from odoo import fields, models

DAKAR = "Africa/Dakar"


class ResPartner(models.Model):
    _inherit = "res.partner"

    siamo_agreement_ipm_ids = fields.Many2many(
        "res.company",
        string="IPMs with an Agreement in Force",
        compute="_compute_siamo_agreement_ipm_ids",
        compute_sudo=True,
        help="The IPMs this provider has an agreement in force with today: the only ones whose "
        "beneficiaries, authorizations, care sheets and settlements it works with.",
    )

    def _compute_siamo_agreement_ipm_ids(self):
        today = fields.Date.context_today(self.with_context(tz=DAKAR))
        agreements = self.env["siamo.agreement"]
        for partner in self:
            partner.siamo_agreement_ipm_ids = agreements._ipms_in_force(partner, today)
