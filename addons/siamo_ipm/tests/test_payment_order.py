from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_care import CareCase
from .test_copayment_recovery import ReimbursementData

MANAGER = "siamo_ipm.group_ipm_manager"


@tagged("post_install", "-at_install")
class TestPaymentOrder(ReimbursementData, CareCase):
    """The IPM manager pays a provider and a reimbursed participant with one order; the
    accountant reads orders and neither makes nor pays one; other IPM staff see none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_manager = cls._ipm_user("ordre-gestionnaire", cls.ipm_a, MANAGER)
        cls.order_clerk = cls._ipm_user("ordre-agent", cls.ipm_a)
        cls.order_accountant = cls._ipm_user(
            "ordre-comptable", cls.ipm_a, "siamo_ipm.group_ipm_accountant"
        )
        cls.bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.ipm_a.id), ("type", "=", "bank")], limit=1
        )

    def _due_bills(self):
        """A provider's bill and a participant's reimbursement, validated (set-up)."""
        clinic_bill = self._settle_and_validate(self._sheet("O-1")).move_id
        action = self._claim().action_record_and_settle()
        reimbursement = self.env["siamo.settlement.batch"].browse(action["res_id"])
        self._review_all(reimbursement)
        reimbursement.action_validate()
        return clinic_bill, reimbursement.move_id

    def _order(self, user, **values):
        return (
            self.env["siamo.payment.order"]
            .with_user(user)
            .create({"company_id": self.ipm_a.id, "journal_id": self.bank.id, **values})
        )

    def test_one_order_pays_every_due_bill_one_payment_per_payee(self):
        clinic_bill, reimbursement_bill = self._due_bills()
        order = self._order(self.order_manager)
        with self.assertRaises(UserError):
            order.action_pay()
        order.action_add_due_bills()
        self.assertEqual(order.move_ids, clinic_bill | reimbursement_bill)
        self.assertEqual(order.amount, 4_000 + 4_000)
        order.action_pay()
        self.assertEqual(order.state, "done")
        self.assertEqual(len(order.payment_ids), 2)
        self.assertEqual(
            set(order.payment_ids.mapped("partner_id")),
            {self.clinic, self.participant_a.partner_id},
        )
        for bill in order.sudo().move_ids:
            self.assertIn(bill.payment_state, ("paid", "in_payment"))
        printed = order.message_ids.attachment_ids
        self.assertEqual(printed.mimetype, "application/pdf")
        self.assertEqual(order.amount, 8_000)
        again = self._order(self.order_manager, move_ids=clinic_bill.ids)
        with self.assertRaisesRegex(UserError, "no longer due"):
            again.action_pay()

    def test_the_accountant_reads_an_order_and_neither_makes_nor_pays_one(self):
        self._due_bills()
        order = self._order(self.order_manager)
        order.action_add_due_bills()
        read = order.with_user(self.order_accountant)
        self.assertEqual(read.amount, 8_000)
        with self.assertRaises(AccessError):
            self._order(self.order_accountant)
        with self.assertRaises(AccessError):
            read.action_pay()
        with self.assertRaises(AccessError):
            read.action_add_due_bills()
        self.assertEqual((order.state, order.payment_ids), ("draft", order.payment_ids.browse()))

    def test_ipm_staff_see_no_payment_order(self):
        order = self._order(self.order_manager)
        with self.assertRaises(AccessError):
            self._order(self.order_clerk)
        with self.assertRaises(AccessError):
            order.with_user(self.order_clerk).read(["amount"])
        self.assertFalse(
            self.env["siamo.payment.order"].with_user(self.order_clerk).has_access("read")
        )
