from odoo import fields, models


class SiamoContributionReminder(models.Model):
    """A reminder sent for an unpaid contribution invoice: the trace of the recovery."""

    _name = "siamo.contribution.reminder"
    _description = "Contribution Reminder"
    _order = "sent_on desc, id desc"

    move_id = fields.Many2one("account.move", string="Invoice", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="move_id.partner_id", store=True, index=True)
    days = fields.Integer(string="Days After Due Date", required=True)
    kind = fields.Selection(
        [("reminder", "Reminder"), ("formal_notice", "Formal Notice")], required=True
    )
    sent_on = fields.Date(required=True)
    amount_due = fields.Integer(string="Amount Due (FCFA)")
