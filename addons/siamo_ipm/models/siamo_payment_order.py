from odoo import api, fields, models
from odoo.exceptions import UserError

from siamo_core.payment_order import PaymentLine, order_pdf

DUE = ("not_paid", "partial")


class SiamoPaymentOrder(models.Model):
    """The IPM pays its providers and reimbursed participants in one go: the order lists the
    settlement bills still due, pays them from one bank journal (one payment per payee) and
    prints the order for the bank."""

    _name = "siamo.payment.order"
    _description = "Payment Order"
    _inherit = [
        "siamo.ipm.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.payment.order"
    _order = "date desc, id desc"
    _check_company_auto = True
    _siamo_protected_fields = ("state", "payment_ids")

    name = fields.Char(string="Order Number")
    date = fields.Date(
        string="Payment Date", required=True, default=fields.Date.context_today, tracking=True
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank Journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank')]",
        tracking=True,
    )
    move_ids = fields.Many2many(
        "account.move",
        string="Bills",
        check_company=True,
        domain="[('move_type', '=', 'in_invoice'), ('state', '=', 'posted'), "
        "('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    amount = fields.Integer(string="Amount (FCFA)", compute="_compute_amount")
    payment_ids = fields.Many2many("account.payment", string="Payments", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Paid")], default="draft", required=True, tracking=True
    )

    def _siamo_final(self):
        return self.filtered(lambda order: order.state == "done")

    @api.depends("move_ids.amount_residual", "state", "payment_ids.amount")
    def _compute_amount(self):
        for order in self:
            if order.state == "done":
                order.amount = int(sum(order.payment_ids.mapped("amount")))
            else:
                order.amount = int(sum(order.move_ids.mapped("amount_residual")))

    def action_add_due_bills(self):
        """Add every bill of a validated settlement that is still due."""
        for order in self:
            batches = self.env["siamo.settlement.batch"].search(
                [("company_id", "=", order.company_id.id), ("state", "=", "validated")]
            )
            due = batches.move_id.filtered(lambda move: move.payment_state in DUE)
            order.move_ids |= due

    def action_pay(self):
        """Pay the bills, one payment per payee, and attach the order for the bank."""
        self.check_access("write")
        for order in self:
            order._check_payable()
            register = (
                self.env["account.payment.register"]
                .with_company(order.company_id)
                .with_context(active_model="account.move", active_ids=order.move_ids.ids)
                .create(
                    {
                        "payment_date": order.date,
                        "journal_id": order.journal_id.id,
                        "group_payment": True,
                    }
                )
            )
            lines = order._payment_lines()
            payments = register._create_payments()
            order._siamo_protected().write(
                {"payment_ids": [fields.Command.set(payments.ids)], "state": "done"}
            )
            order.message_post(
                body=self.env._("Payment order for the bank."),
                attachments=[
                    (
                        f"{order.name.replace('/', '-')}.pdf",
                        order_pdf(
                            self.env._("Payment order %(name)s", name=order.name),
                            f"{order.company_id.name} – {order.journal_id.display_name}",
                            lines,
                        ),
                    )
                ],
            )

    def _check_payable(self):
        if self.state != "draft":
            raise UserError(self.env._("The order %(name)s is already paid.", name=self.name))
        if not self.move_ids:
            raise UserError(self.env._("Add the bills to pay to %(name)s.", name=self.name))
        paid = self.move_ids.filtered(
            lambda move: move.state != "posted" or move.payment_state not in DUE
        )
        if paid:
            raise UserError(
                self.env._(
                    "These bills are no longer due: %(bills)s.",
                    bills=", ".join(paid.mapped("name")),
                )
            )

    def _payment_lines(self):
        return [
            PaymentLine(
                payee=move.partner_id.name,
                code=move.partner_id.siamo_provider_code or move.partner_id.ref or "",
                bank_account=move.partner_id.bank_ids[:1].acc_number or "",
                bills=(move.name,),
                amount=int(move.amount_residual),
            )
            for move in self.move_ids
        ]
