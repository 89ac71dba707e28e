from odoo import fields, models


class SiamoIcamoRecommendationRespond(models.TransientModel):
    """An IPM's correspondent writes the IPM's response to a recommendation."""

    _name = "siamo.icamo.recommendation.respond"
    _description = "Answer a Recommendation"

    recommendation_id = fields.Many2one("siamo.icamo.recommendation", required=True)
    response = fields.Text(string="IPM's Response", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.recommendation_id.respond(self.response)
        return {"type": "ir.actions.act_window_close"}
