from odoo import fields, models

from .siamo_accreditation import STATES


class SiamoIcamoIpmHistory(models.Model):
    """What an IPM was from a moment on: a line is written whenever its name, kind or
    accreditation changes, and never changed."""

    _name = "siamo.icamo.ipm.history"
    _description = "IPM Attributes Over Time"
    _order = "ipm_id, date_from desc, id desc"

    ipm_id = fields.Many2one("siamo.icamo.ipm", string="IPM", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="ipm_id.company_id", store=True, index=True)
    date_from = fields.Datetime(string="Known From", required=True, readonly=True)
    name = fields.Char(readonly=True)
    kind = fields.Selection(
        [("company", "Company IPM"), ("inter", "Inter-company IPM")], readonly=True
    )
    accreditation_number = fields.Char(readonly=True)
    accreditation_state = fields.Selection(STATES, readonly=True)
