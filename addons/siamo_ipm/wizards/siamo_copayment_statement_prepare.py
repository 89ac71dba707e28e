from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


def _first_of_last_month(records):
    return fields.Date.context_today(records).replace(day=1) - relativedelta(months=1)


class SiamoCopaymentStatementPrepare(models.TransientModel):
    _name = "siamo.copayment.statement.prepare"
    _description = "Prepare the Co-payment Deduction Statements of a Month"

    company_id = fields.Many2one(
        "res.company", string="IPM", required=True, default=lambda self: self.env.company
    )
    month = fields.Date(required=True, default=_first_of_last_month)

    def action_prepare(self):
        self.ensure_one()
        statements = self.env["siamo.copayment.statement"]._prepare(self.company_id, self.month)
        if not statements:
            raise UserError(
                self.env._("No co-payment advanced by the IPM is waiting for a statement.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "siamo_ipm.siamo_copayment_statement_action"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action
