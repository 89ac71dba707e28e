from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_care import CARE_DATE, CareCase
from .test_copayment_recovery import AdvanceData

SHEET_MONEY = ("amount_allowed", "ipm_share", "copayment", "state", "control_state")
RESULT_MONEY = ("status", "allowed", "ipm_share", "copayment")


@tagged("post_install", "-at_install")
class TestProtectedFields(AdvanceData, CareCase):
    """Shares, co-payments, results, control decisions and states change only through the
    business methods; a validated batch, a posted statement, a paid order never change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls._ipm_user("guard-agent", cls.ipm_a)
        cls.officer = cls._ipm_user(
            "guard-medecin", cls.ipm_a, "siamo_ipm.group_ipm_medical_officer"
        )
        cls.manager = cls._ipm_user("guard-gestionnaire", cls.ipm_a, "siamo_ipm.group_ipm_manager")
        # the accounts the bill needs, made once by the IPM's set-up
        for act_class in cls.env["siamo.act.class"].search([]):
            cls.ipm_a._siamo_care_expense_account(act_class)
        cls.ipm_a._siamo_copayment_account()

    def _settled_batch(self, *documents):
        """The manager settles the clinic's sheets, the medical officer reviews the sample."""
        sheets = self._receive(*(documents or (self._sheet("G-1"), self._over_tariff("G-2"))))
        batch = self._batch().with_user(self.manager)
        batch.action_settle()
        waiting = sheets.filtered(lambda sheet: sheet.control_state == "to_review")
        waiting.with_user(self.officer).write({"control_note": "Vu"})
        waiting.with_user(self.officer).action_control_accept()
        return batch, sheets

    @staticmethod
    def _money(records, names):
        return [tuple(record[name] for name in names) for record in records]

    # ------------------------------------------------------------------ sheets

    def test_the_clerk_cannot_rewrite_the_money_of_a_settled_sheet(self):
        batch, sheets = self._settled_batch()
        sheet = sheets[0].with_user(self.clerk)
        before = self._money(sheet, SHEET_MONEY)
        self.assertEqual(before, [(5_000, 4_000, 1_000, "qualified", sheet.control_state)])
        changes = {
            "ipm_share": 5_000,
            "copayment": 0,
            "state": "settled",
            "control_state": "accepted",
            "amount_allowed": 9_000,
            "copayment_advanced": 0,
        }
        for name, value in changes.items():
            with self.subTest(field=name), self.assertRaises(AccessError):
                sheet.write({name: value})
        # a context key sent through RPC is a plain value, never the business methods' key
        with self.assertRaises(AccessError):
            sheet.with_context(siamo_protected_write=True).write({"ipm_share": 5_000})
        sheet.invalidate_recordset()
        self.assertEqual(self._money(sheet, SHEET_MONEY), before)
        self.assertEqual(batch.ipm_share, 8_000)

    def test_the_claim_of_a_received_sheet_is_what_the_provider_signed(self):
        sheet = self._receive(self._sheet("G-3"))
        line = sheet.line_ids.sorted("sequence")[0]
        with self.assertRaises(AccessError):
            sheet.with_user(self.clerk).write({"amount_claimed": 65_000})
        with self.assertRaises(AccessError):
            sheet.with_user(self.manager).write({"care_date": "2020-01-01"})
        with self.assertRaises(AccessError):
            line.with_user(self.manager).write({"amount": 60_000, "unit_price": 60_000})
        sheet.invalidate_recordset()
        line.invalidate_recordset()
        self.assertEqual((sheet.amount_claimed, line.amount), (6_500, 5_000))

    def test_the_clerk_cannot_create_a_sheet_already_settled(self):
        with self.assertRaises(AccessError):
            self.env["siamo.fse"].with_user(self.clerk).create(
                {
                    "company_id": self.ipm_a.id,
                    "provider_id": self.clinic.id,
                    "beneficiary_id": self.participant_a.id,
                    "amount_claimed": 10_000,
                    "ipm_share": 10_000,
                    "state": "settled",
                }
            )

    # ------------------------------------------------------------------ results

    def test_the_medical_officer_reviews_but_never_rewrites_the_results(self):
        batch, sheets = self._settled_batch()
        results = sheets.line_ids.settlement_line_ids.with_user(self.officer)
        before = self._money(results, RESULT_MONEY)
        with self.assertRaises(AccessError):
            results[0].write({"ipm_share": 0, "allowed": 0})
        with self.assertRaises(AccessError):
            results[0].unlink()
        batch.with_user(self.manager).action_validate()
        self.assertEqual(batch.state, "validated")
        with self.assertRaises(UserError):
            results[0].write({"ipm_share": 1, "allowed": 1})
        with self.assertRaises(UserError):
            results.unlink()
        with self.assertRaises(UserError):
            sheets[0].with_user(self.officer).write({"control_note": "Réduit après coup"})
        results.invalidate_recordset()
        self.assertEqual(self._money(results, RESULT_MONEY), before)
        self.assertEqual((batch.ipm_share, batch.move_id.amount_total), (8_000, 10_000))

    def test_settled_reviewed_and_validated_by_the_roles_that_run_it(self):
        sheets = self._receive(self._sheet("G-6"), self._over_tariff("G-7"))
        batch = self._batch().with_user(self.manager)
        batch.action_settle()
        sheets[1].write({"control_state": "to_review"})  # set-up: the sample takes it
        dear = sheets[1].with_user(self.officer)
        other = sheets[0].filtered(lambda sheet: sheet.control_state == "to_review")
        other.with_user(self.officer).write({"control_note": "Vu"})
        other.with_user(self.officer).action_control_accept()
        dear.write({"control_note": "Tarif dépassé", "control_ipm_share": 3_000})
        with self.assertRaises(AccessError):
            dear.with_user(self.manager).write({"control_state": "reduced"})
        dear.action_control_reduce()
        self.assertEqual(
            (dear.control_state, dear.ipm_share, dear.amount_allowed), ("reduced", 3_000, 4_000)
        )
        for result in dear.line_ids.settlement_line_ids:
            self.assertEqual(result.ipm_share + result.copayment, result.allowed)
        batch.action_validate()
        self.assertEqual((batch.state, batch.ipm_share), ("validated", 7_000))
        # the IPM's share and the co-payments it advanced to the clinic
        self.assertEqual(batch.move_id.amount_total, 7_000 + 2_000)
        self.assertEqual(set(sheets.mapped("state")), {"settled"})

    # ------------------------------------------------------------------ batches

    def test_a_validated_batch_never_goes_back_nor_goes_away(self):
        batch, sheets = self._settled_batch()
        batch.action_validate()
        for values in ({"state": "settled"}, {"date_to": CARE_DATE}, {"move_id": False}):
            with self.subTest(values=values), self.assertRaises(UserError):
                batch.write(values)
        with self.assertRaises(UserError):
            batch.unlink()
        with self.assertRaises(UserError):
            sheets.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            self.env["siamo.fse.line"].with_user(self.manager).create(
                {"fse_id": sheets[0].id, "kind": "act", "code": "TST-C", "amount": 5_000}
            )
        with self.assertRaises(UserError):
            batch.action_settle()
        with self.assertRaisesRegex(UserError, "is already validated"):
            batch.action_validate()
        batch.invalidate_recordset()
        self.assertEqual(
            (batch.state, batch.ipm_share, len(batch.fse_ids)), ("validated", 8_000, 2)
        )
        self.assertEqual(batch.move_id.state, "posted")

    def test_a_settled_batch_keeps_its_period_and_its_state(self):
        batch, _sheets = self._settled_batch()
        period = (batch.date_from, batch.date_to)
        with self.assertRaises(UserError):
            batch.write({"date_from": "2020-01-01"})
        with self.assertRaises(AccessError):
            batch.write({"state": "validated"})
        with self.assertRaises(AccessError):
            batch.with_user(self.officer).write({"state": "draft"})
        batch.invalidate_recordset()
        self.assertEqual((batch.state, (batch.date_from, batch.date_to)), ("settled", period))

    def test_the_settle_button_is_for_those_who_can_settle(self):
        batch = self._batch()
        form = batch.with_user(self.clerk).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="action_settle"', form)
        form = batch.with_user(self.manager).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_settle"', form)
        with self.assertRaises(AccessError):
            batch.with_user(self.clerk).action_settle()
        self.assertEqual(batch.state, "draft")

    # ------------------------------------------------------------------ statements, orders

    def test_a_posted_statement_is_final(self):
        self._settle_and_validate(self._sheet("G-4"))
        statement = self.statements._prepare(self.ipm_a, date.fromisoformat(CARE_DATE))
        statement = statement.with_user(self.manager)
        with self.assertRaises(AccessError):
            statement.write({"state": "posted"})
        statement.action_post()
        self.assertEqual((statement.state, statement.amount), ("posted", 1_000))
        for values in ({"state": "draft"}, {"partner_id": self.employer_b.id}, {"move_id": False}):
            with self.subTest(values=values), self.assertRaises(UserError):
                statement.write(values)
        with self.assertRaises(UserError):
            statement.unlink()
        with self.assertRaises(AccessError):
            statement.fse_ids.with_user(self.manager).write({"copayment_statement_id": False})
        statement.invalidate_recordset()
        self.assertEqual((statement.state, statement.amount), ("posted", 1_000))
        self.assertEqual(statement.move_id.amount_total, 1_000)

    def test_a_paid_order_is_final(self):
        batch = self._settle_and_validate(self._sheet("G-5"))
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.ipm_a.id), ("type", "=", "bank")], limit=1
        )
        order = (
            self.env["siamo.payment.order"]
            .with_user(self.manager)
            .create({"company_id": self.ipm_a.id, "journal_id": journal.id})
        )
        with self.assertRaises(AccessError):
            order.write({"state": "done"})
        order.action_add_due_bills()
        order.action_pay()
        self.assertEqual(order.state, "done")
        with self.assertRaises(UserError):
            order.write({"move_ids": [(5, 0, 0)]})
        with self.assertRaises(UserError):
            order.unlink()
        self.assertEqual((order.move_ids, order.amount), (batch.move_id, 5_000))

    # ------------------------------------------------------------------ authorizations

    def test_an_authorization_is_decided_by_its_actions_only(self):
        request = self.env["siamo.care.authorization"].create(
            {
                "company_id": self.ipm_a.id,
                "beneficiary_id": self.participant_a.id,
                "provider_id": self.clinic.id,
                "date_to": "2099-12-31",
                "amount_cap": 50_000,
                "state": "requested",
            }
        )
        with self.assertRaises(AccessError):
            request.with_user(self.clerk).write({"state": "granted"})
        with self.assertRaises(AccessError):
            self.env["siamo.care.authorization"].with_user(self.clerk).create(
                {
                    "company_id": self.ipm_a.id,
                    "beneficiary_id": self.participant_a.id,
                    "provider_id": self.clinic.id,
                    "date_to": "2099-12-31",
                    "state": "refused",
                }
            )
        request.with_user(self.officer).write({"amount_cap": 40_000})
        request.with_user(self.officer).action_grant()
        self.assertEqual((request.state, request.amount_cap), ("granted", 40_000))
        with self.assertRaises(UserError):
            request.with_user(self.officer).write({"amount_cap": 400_000})
        with self.assertRaises(UserError):
            request.with_user(self.manager).write({"date_to": "2100-12-31"})
        request.refusal_reason = "Trop tard"
        with self.assertRaises(UserError):
            request.with_user(self.officer).action_refuse()
        request.invalidate_recordset()
        self.assertEqual((request.state, request.amount_cap), ("granted", 40_000))
