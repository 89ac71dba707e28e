from odoo import fields, models


class SiamoAccreditationQuestion(models.Model):
    """What ICAMO asked an applicant to complete, and his answer: created by « Ask for More
    Information », answered from the portal, never changed otherwise."""

    _name = "siamo.accreditation.question"
    _description = "Question on an Accreditation Application"
    _order = "create_date, id"

    accreditation_id = fields.Many2one(
        "siamo.accreditation", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="accreditation_id.company_id", store=True)
    question = fields.Text(required=True, readonly=True)
    answer = fields.Text(readonly=True)
    answered_on = fields.Datetime(readonly=True)
