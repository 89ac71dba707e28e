from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

VALIDITY_YEARS = 5


class SiamoAccreditationDecide(models.TransientModel):
    """ICAMO's administrator decides on an application: grants it for a validity, or refuses
    it with its reasons."""

    _name = "siamo.accreditation.decide"
    _description = "Decide on an Accreditation Application"

    accreditation_id = fields.Many2one("siamo.accreditation", required=True, readonly=True)
    decision = fields.Selection(
        [("grant", "Grant"), ("refuse", "Refuse")], required=True, default="grant"
    )
    date_start = fields.Date(string="Valid From", default=fields.Date.context_today)
    date_end = fields.Date(string="Valid Until")
    reason = fields.Text(string="Reasons for Refusal")

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start:
            self.date_end = self.date_start + relativedelta(years=VALIDITY_YEARS, days=-1)

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "grant":
            self.accreditation_id.action_grant(self.date_start, self.date_end)
        else:
            self.accreditation_id.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
