from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_care import CARE_DATE, CareCase
from .test_copayment_recovery import AdvanceData, ReimbursementData


class MoneyRoles:
    """The people of IPM A who run the money path, and those who must not: the clerk, the
    medical officer, the manager of IPM B and the clinic's portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.ipm_a, cls.ipm_b
        cls.manager = cls._ipm_user("money-gestionnaire", a, "siamo_ipm.group_ipm_manager")
        cls.accountant = cls._ipm_user("money-comptable", a, "siamo_ipm.group_ipm_accountant")
        cls.officer = cls._ipm_user("money-medecin", a, "siamo_ipm.group_ipm_medical_officer")
        cls.clerk = cls._ipm_user("money-agent", a)
        cls.manager_b = cls._ipm_user("money-gestionnaire-b", b, "siamo_ipm.group_ipm_manager")
        cls.portal = cls._provider_user("money-accueil", cls.clinic)
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", a.id), ("type", "=", "bank")], limit=1
        )

    def _account(self, code):
        return (
            self.env["account.account"]
            .with_company(self.ipm_a)
            .search([("company_ids", "in", self.ipm_a.id), ("code", "=", code)])
        )

    def _balance(self, code, partner=None):
        domain = [("account_id", "=", self._account(code).id), ("parent_state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        return int(sum(self.env["account.move.line"].search(domain).mapped("balance")))

    def _refused(self, users, action):
        """``action(user)`` raises an access error for each of ``users``."""
        for user in users:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                action(user)

    def _new_batch(self, user):
        care = date.fromisoformat(CARE_DATE)
        return (
            self.env["siamo.settlement.batch"]
            .with_user(user)
            .create(
                {
                    "company_id": self.ipm_a.id,
                    "provider_id": self.clinic.id,
                    "date_from": care - timedelta(days=30),
                    "date_to": care,
                }
            )
        )

    def _review_as_officer(self, batch):
        waiting = batch.fse_ids.filtered(lambda sheet: sheet.control_state == "to_review")
        for sheet in waiting.with_user(self.officer):
            sheet.control_note = "Vu"
            sheet.action_control_accept()

    def _pay_as(self, user, moves):
        return (
            self.env["account.payment.register"]
            .with_user(user)
            .with_company(self.ipm_a)
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create({"payment_date": CARE_DATE, "journal_id": self.journal.id})
            ._create_payments()
        )

    def _validated_batch(self, *sheets):
        self._receive(*sheets)
        batch = self._new_batch(self.manager)
        batch.action_settle()
        self._review_as_officer(batch)
        batch.action_validate()
        return batch


@tagged("post_install", "-at_install")
class TestMoneyPathRoles(MoneyRoles, ReimbursementData, CareCase):
    """Each step of the money path run as the role that performs it, and refused to those
    who must not, with the amounts on the accounts the IPM's chart set up."""

    def test_the_manager_settles_validates_and_bills_on_the_ipm_s_accounts(self):
        self._receive(self._sheet("M-1"), self._over_tariff("M-2"))
        self._refused([self.clerk, self.portal], self._new_batch)
        batch = self._new_batch(self.manager)
        refused = [self.clerk, self.officer, self.manager_b, self.portal]
        self._refused(refused, lambda user: batch.with_user(user).action_settle())
        self.assertEqual((batch.state, batch.fse_count), ("draft", 0))
        batch.action_settle()
        self.assertEqual(batch.state, "settled")
        self.assertEqual((batch.amount_claimed, batch.ipm_share), (13_501, 8_000))
        self._review_as_officer(batch)
        self._refused(refused, lambda user: batch.with_user(user).action_validate())
        self.assertEqual(batch.state, "settled")
        self.assertFalse(batch.move_id)
        accounts = self.env["account.account"].search_count([])
        batch.action_validate()
        self.assertEqual(self.env["account.account"].search_count([]), accounts)
        self.assertEqual(batch.state, "validated")
        bill = batch.move_id
        self.assertEqual(
            (bill.state, bill.partner_id, bill.amount_total), ("posted", self.clinic, 8_000)
        )
        # consultations on SYSCOHADA 6057 (care bought for the members), owed to the
        # providers on 4011
        self.assertEqual(self._balance("605701"), 8_000)
        self.assertEqual(self._balance("401110", self.clinic), -8_000)
        self.assertEqual(self._balance("658100"), 0)

    def test_the_accountant_pays_a_bill_within_the_ipm(self):
        bill = self._validated_batch(self._sheet("P-1")).move_id
        self.assertEqual(bill.amount_total, 4_000)
        self._refused(
            [self.clerk, self.officer, self.manager_b, self.portal],
            lambda user: self._pay_as(user, bill),
        )
        self.assertEqual(bill.payment_state, "not_paid")
        payment = self._pay_as(self.accountant, bill)
        self.assertEqual(int(payment.amount), 4_000)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance("401110", self.clinic), 0)

    def test_the_manager_pays_the_due_bills_with_a_payment_order(self):
        bill = self._validated_batch(self._sheet("O-1")).move_id
        orders = self.env["siamo.payment.order"]
        values = {"company_id": self.ipm_a.id, "journal_id": self.journal.id}
        self._refused(
            [self.clerk, self.officer, self.accountant, self.manager_b, self.portal],
            lambda user: orders.with_user(user).create(values),
        )
        order = orders.with_user(self.manager).create(values)
        self._refused(
            [self.clerk, self.officer, self.accountant, self.manager_b, self.portal],
            lambda user: order.with_user(user).action_pay(),
        )
        order.action_add_due_bills()
        self.assertEqual(order.move_ids, bill)
        order.action_pay()
        self.assertEqual((order.state, order.amount), ("done", 4_000))
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance("401110", self.clinic), 0)

    def test_the_manager_reimburses_a_participant(self):
        def claim(user):
            form = Form(self.env["siamo.reimbursement"].with_user(user).with_company(self.ipm_a))
            form.beneficiary_id = self.spouse_a
            form.provider_id = self.clinic
            form.care_date = date.fromisoformat(CARE_DATE)
            with form.line_ids.new() as line:
                line.act_id = self.consultation
                line.amount = 6_000
            wizard = form.save()
            wizard.receipt_ids = (
                self.env["ir.attachment"]
                .with_user(user)
                .create({"name": "recu.pdf", "raw": b"%PDF-1.4 recu"})
            )
            return wizard

        self._refused([self.clerk, self.officer, self.accountant, self.portal], claim)
        sheets = self.env["siamo.fse"].search_count([])
        action = claim(self.manager).action_record_and_settle()
        self.assertEqual(self.env["siamo.fse"].search_count([]), sheets + 1)
        batch = self.env["siamo.settlement.batch"].with_user(self.manager).browse(action["res_id"])
        self.assertEqual((batch.state, batch.ipm_share), ("settled", 4_000))
        self._review_as_officer(batch)
        batch.action_validate()
        partner = self.participant_a.partner_id
        self.assertEqual((batch.move_id.partner_id, batch.move_id.amount_total), (partner, 4_000))
        self.assertEqual(self._balance("605701"), 4_000)


@tagged("post_install", "-at_install")
class TestCopaymentStatementRoles(MoneyRoles, AdvanceData, CareCase):
    """The accountant prepares, posts and clears the deduction statement of a member
    company; the co-payments go through 471110 to the company's receivable, to the franc."""

    def test_the_accountant_prepares_posts_and_clears_the_statement(self):
        batch = self._validated_batch(self._sheet("D-1"))
        self.assertEqual(batch.move_id.amount_total, 5_000)
        self.assertEqual(self._balance("605701"), 4_000)
        self.assertEqual(self._balance("471110"), 1_000)
        self.assertEqual(self._balance("401110", self.clinic), -5_000)
        month = date.fromisoformat(CARE_DATE).replace(day=1)

        def prepare(user):
            wizard = self.env["siamo.copayment.statement.prepare"].with_user(user)
            return wizard.create({"company_id": self.ipm_a.id, "month": month}).action_prepare()

        self._refused([self.clerk, self.officer, self.portal], prepare)
        action = prepare(self.accountant)
        statement = (
            self.env["siamo.copayment.statement"]
            .with_user(self.accountant)
            .search(action["domain"])
        )
        self.assertEqual((statement.partner_id, statement.amount), (self.employer_a, 1_000))
        self._refused(
            [self.clerk, self.officer, self.manager_b, self.portal],
            lambda user: statement.with_user(user).action_post(),
        )
        self.assertEqual(statement.state, "draft")
        self.assertFalse(statement.move_id)
        statement.action_post()
        invoice = statement.move_id
        self.assertEqual(
            (statement.state, invoice.state, invoice.amount_total), ("posted", "posted", 1_000)
        )
        self.assertEqual(self._balance("471110"), 0)
        receivable = invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        self.assertEqual(int(receivable.balance), 1_000)
        self._refused(
            [self.clerk, self.officer, self.manager_b, self.portal],
            lambda user: self._pay_as(user, invoice),
        )
        self.assertEqual(statement.payment_state, "not_paid")
        self._pay_as(self.accountant, invoice)
        self.assertIn(statement.payment_state, ("paid", "in_payment"))
        self.assertEqual(int(receivable.amount_residual), 0)


@tagged("post_install", "-at_install")
class TestMostSpecificPackageLine(MoneyRoles, ReimbursementData, CareCase):
    def test_a_specialist_consultation_is_capped_by_the_specialist_line(self):
        """A package with a line for consultations (10 000 an act) and a more specific line
        for specialist consultations (20 000): the manager's batch pays a specialist
        consultation of 30 000 at 100 % up to 20 000."""
        benefits = self.env["siamo.amo.benefit"]
        gp = benefits.search([("code", "=", "gp_consultation")])
        specialist = benefits.search([("code", "=", "specialist_consultation")])
        consultations = self.consultation.act_class_id
        self.consultation.benefit_id = gp
        specialist_act = self.env["siamo.act"].create(
            {
                "code": "TST-CS",
                "name": "Consultation de spécialiste test",
                "act_class_id": consultations.id,
                "benefit_id": specialist.id,
            }
        )
        agreement = self.env["siamo.agreement"].search([("provider_id", "=", self.clinic.id)])
        self.env["siamo.agreement.price"].create(
            {"agreement_id": agreement.id, "act_id": specialist_act.id, "price": 30_000}
        )
        package = self.env["siamo.care.package"].create(
            {
                "name": "Panier 2021",
                "company_id": self.ipm_a.id,
                "date_start": "2021-01-01",
                "line_ids": [
                    Command.create(
                        {
                            "benefit_id": gp.id,
                            "act_class_id": consultations.id,
                            "rate": 100,
                            "ceiling_per_act": 10_000,
                        }
                    ),
                    Command.create(
                        {
                            "benefit_id": specialist.id,
                            "act_class_id": consultations.id,
                            "rate": 100,
                            "ceiling_per_act": 20_000,
                        }
                    ),
                ],
            }
        )
        package.state = "validated"
        lines = [
            {
                "kind": "act",
                "code": "TST-CS",
                "quantity": 1,
                "unit_price": 30_000,
                "amount": 30_000,
            },
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 5_000, "amount": 5_000},
        ]
        batch = self._validated_batch(self._sheet("SP-1", lines=lines))
        cs, c = batch.fse_ids.line_ids.sorted("sequence")
        self.assertEqual(
            (cs.ipm_share, cs.copayment, cs.reason_codes), (20_000, 10_000, "LIQ-CEILING-ACT")
        )
        self.assertEqual((c.ipm_share, c.copayment), (5_000, 0))
        self.assertEqual(batch.move_id.amount_total, 25_000)
        self.assertEqual(self._balance("605701"), 25_000)


@tagged("post_install", "-at_install")
class TestCareAccounts(MoneyRoles, ReimbursementData, CareCase):
    """The care accounts come with the IPM's chart, by act class code, and validating
    creates none."""

    def test_the_act_class_keeps_its_account_whatever_its_position(self):
        self.consultation.act_class_id.sequence = 1_000
        self.env.ref("siamo_referentiel.act_class_biology").sequence = 1
        self._validated_batch(self._sheet("K-1"))
        self.assertEqual(self._balance("605701"), 4_000)
        self.assertEqual(self._balance("605702"), 0)

    def test_a_missing_account_stops_the_validation_with_a_clear_message(self):
        self.env["siamo.act.class.account"].search(
            [
                ("company_id", "=", self.ipm_a.id),
                ("act_class_id", "=", self.consultation.act_class_id.id),
            ]
        ).unlink()
        self.ipm_a.siamo_care_expense_account_id = False
        self._receive(self._sheet("K-2"))
        batch = self._new_batch(self.manager)
        batch.action_settle()
        self._review_as_officer(batch)
        accounts = self.env["account.account"].search_count([])
        with self.assertRaisesRegex(UserError, "Care Expense Accounts"):
            batch.action_validate()
        self.assertEqual((batch.state, batch.move_id.id), ("settled", False))
        self.assertEqual(self.env["account.account"].search_count([]), accounts)

    def test_the_demo_ipms_have_their_accounts_in_their_own_chart(self):
        dakar = self.env.ref("siamo_ipm.ipm_dakar_demo", raise_if_not_found=False)
        ciments = self.env.ref("siamo_ipm.ipm_ciments_du_cap_demo", raise_if_not_found=False)
        if not (dakar and ciments):
            self.skipTest("without the demo data")
        consultation = self.env.ref("siamo_referentiel.act_class_consultation")
        expected = {
            dakar: ("605701", "471110", "401110", "605799"),
            ciments: ("601101", "471110", "401100", "601199"),
        }
        for ipm, codes in expected.items():
            mapping = self.env["siamo.act.class.account"].search(
                [("company_id", "=", ipm.id), ("act_class_id", "=", consultation.id)]
            )
            accounts = (
                mapping.account_id,
                ipm.siamo_copayment_account_id,
                ipm.siamo_provider_payable_account_id,
                ipm.siamo_care_expense_account_id,
            )
            with self.subTest(ipm=ipm.name):
                self.assertEqual(
                    tuple(account.with_company(ipm).code for account in accounts), codes
                )
                self.assertEqual(
                    [a.account_type for a in accounts],
                    ["expense", "asset_current", "liability_payable", "expense"],
                )
