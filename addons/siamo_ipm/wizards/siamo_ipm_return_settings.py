from odoo import api, fields, models
from odoo.exceptions import AccessError

MANAGER = "siamo_ipm.group_ipm_manager"
COMPANY_FIELDS = {
    "icamo_code": "siamo_icamo_code",
    "delivery": "siamo_icamo_delivery",
    "url": "siamo_icamo_url",
}


class SiamoIpmReturnSettings(models.TransientModel):
    """Where the IPM's manager sends its monthly returns: ICAMO in this database, or at a
    remote address with the API key of the IPM's correspondent there. The IPM's company
    is the administrator's; these settings alone are the manager's."""

    _name = "siamo.ipm.return.settings"
    _description = "ICAMO Settings of an IPM"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="IPM",
        required=True,
        default=lambda self: self.env.company,
        domain="[('id', 'in', allowed_company_ids)]",
    )
    icamo_code = fields.Char(
        string="Code at ICAMO",
        help="The code ICAMO knows the IPM by; the IPM's partner reference when empty.",
    )
    delivery = fields.Selection(
        [
            ("none", "Not Sent"),
            ("local", "ICAMO in this database"),
            ("remote", "ICAMO at a remote address"),
        ],
        string="Returns Sent To",
        required=True,
        default="none",
    )
    url = fields.Char(string="ICAMO Address", help="Such as https://icamo.sn.")
    api_key = fields.Char(
        string="New API Key", help="Leave empty to keep the key the IPM already gave."
    )
    has_api_key = fields.Boolean(string="API Key Given", readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(values.get("company_id") or self.env.company.id)
        if self.env.user.has_group(MANAGER):
            settings = company.sudo()
            values.update({name: settings[field] for name, field in COMPANY_FIELDS.items()})
            values["has_api_key"] = bool(settings.siamo_icamo_api_key)
        return values

    def action_save(self):
        """Keep these settings on the IPM."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER) or self.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("Only the IPM's manager sets where its returns go."))
        values = {field: self[name] for name, field in COMPANY_FIELDS.items()}
        if self.api_key:
            values["siamo_icamo_api_key"] = self.api_key
        # sudo: the IPM's company is the administrator's, its ICAMO settings the manager's
        self.company_id.sudo().write(values)
        return {"type": "ir.actions.act_window_close"}
