from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import ValidationError

from siamo_core.fse.signature import InvalidKey, load_public_key


class ResPartner(models.Model):
    _inherit = "res.partner"

    siamo_fse_public_key = fields.Char(
        string="Care Sheet Signing Key",
        help="The provider's Ed25519 public key (32 bytes in base64): the hub accepts only the "
        "care sheets it signed with the matching private key.",
    )

    @api.constrains("siamo_fse_public_key")
    def _check_siamo_fse_public_key(self):
        for partner in self.filtered("siamo_fse_public_key"):
            try:
                load_public_key(partner.siamo_fse_public_key)
            except InvalidKey as error:
                raise ValidationError(core_error_message(self.env, error)) from error
