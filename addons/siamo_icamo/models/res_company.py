from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    siamo_icamo_return_due_days = fields.Integer(
        string="Returns Due (days after the month)",
        default=15,
        help="An IPM's return of a month is late this many days after the month's end.",
    )
    siamo_accreditation_reminder_days = fields.Integer(
        string="Renewal Reminder (days before the end)",
        default=90,
        help="ICAMO and the IPM's applicant are reminded this many days before an "
        "accreditation ends.",
    )
