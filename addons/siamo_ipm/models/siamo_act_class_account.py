from odoo import fields, models


class SiamoActClassAccount(models.Model):
    """The account on which an IPM books its share of the care of an act class. Set up with
    the IPM's chart, one per national act class; the IPM changes them as its books need."""

    _name = "siamo.act.class.account"
    _description = "Care Expense Account of an Act Class"
    _inherit = ["siamo.ipm.mixin"]
    _order = "company_id, act_class_id"
    _rec_name = "act_class_id"

    act_class_id = fields.Many2one("siamo.act.class", required=True, ondelete="cascade", index=True)
    account_id = fields.Many2one(
        "account.account",
        string="Care Expense Account",
        required=True,
        check_company=True,
        ondelete="restrict",
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
    )

    _sql_constraints = [
        (
            "act_class_unique",
            "unique(company_id, act_class_id)",
            "An act class has one care expense account per IPM.",
        ),
    ]
