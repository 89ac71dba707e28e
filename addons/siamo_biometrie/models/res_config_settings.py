from odoo import fields, models

from .siamo_identity_registry import URL_PARAMETER

AGENT_PORT_PARAMETER = "siamo_biometrie.agent_port"
DEFAULT_AGENT_PORT = 8765


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # one registry for the whole country, whatever the IPM: a system parameter
    siamo_identity_registry_url = fields.Char(
        string="National Identity Registry",
        config_parameter=URL_PARAMETER,
        help="The address of the WSDL of the national identity registry's SOAP service, "
        "which confirms the NIN of the beneficiaries.",
    )
    # the port the providers' card-reader agents listen on, the same for every provider
    siamo_card_agent_port = fields.Integer(
        string="Card-Reader Agent Port",
        config_parameter=AGENT_PORT_PARAMETER,
        default=DEFAULT_AGENT_PORT,
        help="The port of 127.0.0.1 on which the card-reader agent answers the provider's "
        "portal page, on the provider's own computer (its `port` setting).",
    )
