from odoo import api, models

# what a provider reads depends on its agreements in force (record rules of siamo_fse)
SCOPE_FIELDS = {"state", "date_start", "date_end", "provider_id", "company_id"}


class SiamoAgreement(models.Model):
    _inherit = "siamo.agreement"

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        self._siamo_scope_changed()
        return agreements

    def write(self, vals):
        result = super().write(vals)
        if SCOPE_FIELDS & set(vals):
            self._siamo_scope_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._siamo_scope_changed()
        return result

    def _siamo_scope_changed(self):
        """The providers' record rules and their IPMs in force are read again."""
        self.env["res.partner"].invalidate_model(["siamo_agreement_ipm_ids"])
        self.env.registry.clear_cache()
