import base64
import json

from odoo import fields, models
from odoo.exceptions import UserError


class SiamoIcamoReturnImport(models.TransientModel):
    """An ICAMO administrator takes a return an IPM sent as a JSON file (by mail, on a key)."""

    _name = "siamo.icamo.return.import"
    _description = "Import an IPM Return (JSON)"

    file = fields.Binary(string="JSON File", required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        try:
            document = json.loads(base64.b64decode(self.file))
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(
                self.env._("“%(name)s” is not a JSON file.", name=self.filename or "")
            ) from error
        received = self.env["siamo.icamo.return"]._receive(document, "file")
        return {
            "type": "ir.actions.act_window",
            "res_model": "siamo.icamo.return",
            "res_id": received.id,
            "view_mode": "form",
        }
