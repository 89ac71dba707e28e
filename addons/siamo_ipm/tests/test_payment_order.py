from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_care import CareCase
from .test_copayment_recovery import ReimbursementData


@tagged("post_install", "-at_install")
class TestPaymentOrder(ReimbursementData, CareCase):
    """The IPM pays a provider and a reimbursed participant with one order."""

    def test_one_order_pays_every_due_bill_one_payment_per_payee(self):
        clinic_bill = self._settle_and_validate(self._sheet("O-1")).move_id
        action = self._claim().action_record_and_settle()
        reimbursement = self.env["siamo.settlement.batch"].browse(action["res_id"])
        self._review_all(reimbursement)
        reimbursement.action_validate()
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.ipm_a.id), ("type", "=", "bank")], limit=1
        )
        order = self.env["siamo.payment.order"].create(
            {"company_id": self.ipm_a.id, "journal_id": journal.id}
        )
        with self.assertRaises(UserError):
            order.action_pay()
        order.action_add_due_bills()
        self.assertEqual(order.move_ids, clinic_bill | reimbursement.move_id)
        self.assertEqual(order.amount, 4_000 + 4_000)
        order.action_pay()
        self.assertEqual(order.state, "done")
        self.assertEqual(len(order.payment_ids), 2)
        self.assertEqual(
            set(order.payment_ids.mapped("partner_id")),
            {self.clinic, self.participant_a.partner_id},
        )
        for bill in order.move_ids:
            self.assertIn(bill.payment_state, ("paid", "in_payment"))
        printed = order.message_ids.attachment_ids
        self.assertEqual(printed.mimetype, "application/pdf")
        self.assertEqual(order.amount, 8_000)
        again = self.env["siamo.payment.order"].create(
            {"company_id": self.ipm_a.id, "journal_id": journal.id, "move_ids": clinic_bill.ids}
        )
        with self.assertRaisesRegex(UserError, "no longer due"):
            again.action_pay()
