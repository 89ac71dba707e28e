"""18.0.2.1.0 brings the warehouse: the IPMs it follows start as those of the accreditation
register, each under its contact's reference as its code (or IPM-<id>), to be checked by
ICAMO before the first returns come in."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["siamo.icamo.ipm"]._accredited_partners_as_ipms()
