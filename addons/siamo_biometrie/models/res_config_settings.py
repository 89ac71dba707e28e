from odoo import fields, models

from .siamo_identity_registry import URL_PARAMETER


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # one registry for the whole country, whatever the IPM: a system parameter
    siamo_identity_registry_url = fields.Char(
        string="National Identity Registry",
        config_parameter=URL_PARAMETER,
        help="The address of the WSDL of the national identity registry's SOAP service, "
        "which confirms the NIN of the beneficiaries.",
    )
