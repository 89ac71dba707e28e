from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_care import CARE_DATE, CareCase


class SettlementData:
    """IPM A on SYSCOHADA with the clinic's agreed prices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.company"].browse(cls.ipm_a.id).write(
            {
                "country_id": cls.env.ref("base.sn").id,
                "currency_id": cls.env.ref("base.XOF").id,
            }
        )
        cls.env["account.chart.template"].try_loading("sn", cls.ipm_a, install_demo=False)
        agreement = cls.env["siamo.agreement"].search([("provider_id", "=", cls.clinic.id)])
        cls.env["siamo.agreement.price"].create(
            [
                {"agreement_id": agreement.id, "act_id": cls.consultation.id, "price": 5_000},
                {"agreement_id": agreement.id, "act_id": cls.scan.id, "price": 30_000},
            ]
        )

    def _receive(self, *documents):
        """The sheets received from the clinic."""
        accepted = self._accept(self.clinic, *documents)
        self.assertEqual({answer["status"] for answer, _sheet in accepted}, {"received"}, accepted)
        return self.env["siamo.fse"].union(*(sheet for _answer, sheet in accepted))

    def _batch(self, day_from=None, day_to=None):
        care = date.fromisoformat(CARE_DATE)
        return self.env["siamo.settlement.batch"].create(
            {
                "company_id": self.ipm_a.id,
                "provider_id": self.clinic.id,
                "date_from": day_from or care - timedelta(days=30),
                "date_to": day_to or care,
            }
        )

    def _settle_and_validate(self, *documents):
        self._receive(*documents)
        batch = self._batch()
        batch.action_settle()
        self._review_all(batch)
        batch.action_validate()
        return batch

    def _pay(self, move):
        """Pay ``move`` in full with Odoo's payment register."""
        self.env["account.payment.register"].with_company(self.ipm_a).with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"payment_date": CARE_DATE})._create_payments()

    @staticmethod
    def _review_all(batch):
        """The medical officer accepts every sampled sheet."""
        waiting = batch.fse_ids.filtered(lambda sheet: sheet.control_state == "to_review")
        waiting.control_note = "Vu"
        waiting.action_control_accept()

    def _over_tariff(self, sheet_id):
        lines = [
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 7_001, "amount": 7_001},
        ]
        day_before = (date.fromisoformat(CARE_DATE) - timedelta(days=1)).isoformat()
        return self._sheet(sheet_id, lines=lines, care_date=day_before)


@tagged("post_install", "-at_install")
class TestSettlement(SettlementData, CareCase):
    """The IPM settles a provider's sheets by its rules, then books and pays the bill."""

    def test_settled_line_by_line_then_billed_and_paid_to_the_franc(self):
        good, dear = self._receive(self._sheet("L-1"), self._over_tariff("L-2"))
        batch = self._batch()
        batch.action_settle()
        self.assertEqual(batch.fse_ids, good | dear)
        consultation, medicine = good.line_ids.sorted("sequence")
        self.assertEqual(
            (consultation.settlement_status, consultation.ipm_share, consultation.copayment),
            ("accepted", 4_000, 1_000),
        )
        self.assertEqual(
            (medicine.settlement_status, medicine.reason_codes), ("rejected", "LIQ-NOT-COVERED")
        )
        reduced = dear.line_ids
        self.assertEqual(
            (reduced.settlement_status, reduced.reason_codes), ("reduced", "LIQ-OVER-TARIFF")
        )
        self.assertEqual(
            (reduced.allowed, reduced.ipm_share, reduced.copayment), (5_000, 4_000, 1_000)
        )
        self.assertEqual(
            (batch.amount_claimed, batch.ipm_share, batch.copayment), (13_501, 8_000, 2_000)
        )
        batch.action_settle()
        self.assertEqual(batch.ipm_share, 8_000)
        self.assertEqual(len(batch.fse_ids.line_ids.settlement_line_ids), 3)
        self.assertIn("CTRL-OVER-TARIFF", dear.control_reasons)
        self.assertEqual(dear.control_state, "to_review")
        with self.assertRaises(UserError):
            batch.action_validate()
        self._review_all(batch)
        batch.action_validate()
        bill = batch.move_id
        self.assertEqual(
            (bill.move_type, bill.state, bill.partner_id), ("in_invoice", "posted", self.clinic)
        )
        self.assertEqual(bill.amount_total, 8_000)
        # consultations on their own care expense account, under SYSCOHADA's 6057
        expense = bill.invoice_line_ids.account_id.with_company(self.ipm_a)
        self.assertEqual(expense.mapped("code"), ["605701"])
        payable = bill.line_ids.filtered(
            lambda line: line.account_id.account_type == "liability_payable"
        )
        self.assertEqual(payable.credit, 8_000)
        self.assertEqual(payable.account_id.with_company(self.ipm_a).code, "401110")
        self.assertEqual(good.state, "settled")
        with self.assertRaises(UserError):
            batch.action_settle()
        self._pay(bill)
        self.assertIn(batch.payment_state, ("paid", "in_payment"))

    def test_a_duplicate_line_across_two_batches_is_rejected(self):
        care = date.fromisoformat(CARE_DATE)
        first = self._batch(care, care)
        self._receive(self._sheet("D-1"))
        first.action_settle()
        self._review_all(first)
        first.action_validate()
        twice = [
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 5_000, "amount": 5_000},
            {
                "kind": "medicine",
                "code": "TST-MED",
                "quantity": 1,
                "unit_price": 750,
                "amount": 750,
            },
        ]
        again = self._receive(self._sheet("D-2", lines=twice))
        second = self._batch(care, care)
        second.action_settle()
        self.assertEqual(second.fse_ids, again)
        self.assertEqual(again.line_ids.sorted("sequence")[0].reason_codes, "LIQ-DUPLICATE")

    def test_the_package_s_frequency_limit_holds_across_batches(self):
        """Two consultations in thirty days: the third, another act of the class in a later
        batch, is not paid; thirty days after the first, one is paid again."""
        package_line = self.env["siamo.care.package.line"].search(
            [
                ("company_id", "=", self.ipm_a.id),
                ("act_class_id", "=", self.consultation.act_class_id.id),
            ]
        )
        package_line.write({"frequency_count": 2, "frequency_days": 30})
        consultation = [
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 5_000, "amount": 5_000}
        ]
        care = date.fromisoformat(CARE_DATE)
        first, second, third, later = (care - timedelta(days=29 - n) for n in (0, 10, 29, 30))

        specialist = self.consultation.copy({"code": "TST-CS", "name": "Consultation spécialiste"})
        agreement = self.env["siamo.agreement"].search([("provider_id", "=", self.clinic.id)])
        agreement.price_ids = [Command.create({"act_id": specialist.id, "price": 5_000})]

        def consult(sheet_id, day, code="TST-C"):
            lines = [dict(consultation[0], code=code)]
            return self._sheet(sheet_id, lines=lines, care_date=day.isoformat())

        self._receive(consult("F-1", first), consult("F-2", second))
        paid = self._batch(first, second)
        paid.action_settle()
        self._review_all(paid)
        paid.action_validate()
        self.assertEqual(paid.ipm_share, 8_000)
        too_many = self._receive(consult("F-3", third, code="TST-CS"))
        refused = self._batch(third, third)
        refused.action_settle()
        self.assertEqual(
            (too_many.line_ids.settlement_status, too_many.line_ids.reason_codes),
            ("rejected", "LIQ-FREQUENCY"),
        )
        self.assertEqual(refused.ipm_share, 0)
        again = self._receive(consult("F-4", later))
        allowed = self._batch(later, later)
        allowed.action_settle()
        self.assertEqual(again.line_ids.settlement_status, "accepted")

    def test_a_family_s_yearly_ceiling_reached_across_two_batches(self):
        """The family may receive 6 000 FCFA of consultations a year: the participant's
        4 000 are paid in one batch, his wife's consultation in the next gets what is left."""
        package_line = self.env["siamo.care.package.line"].search(
            [
                ("company_id", "=", self.ipm_a.id),
                ("act_class_id", "=", self.consultation.act_class_id.id),
            ]
        )
        package_line.ceiling_per_year_family = 6_000
        self.spouse_a.nin = "2342199000012"
        consultation = [
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 5_000, "amount": 5_000}
        ]
        care = date.fromisoformat(CARE_DATE)
        self._receive(self._sheet("Y-1", lines=consultation))
        paid = self._batch(care, care)
        paid.action_settle()
        self._review_all(paid)
        paid.action_validate()
        self.assertEqual(paid.ipm_share, 4_000)
        wife = self._receive(
            self._sheet("Y-2", lines=consultation, beneficiary={"nin": "2342199000012"})
        )
        capped = self._batch(care, care)
        capped.action_settle()
        self.assertEqual(wife.beneficiary_id, self.spouse_a)
        self.assertEqual(
            (wife.line_ids.settlement_status, wife.line_ids.reason_codes, wife.ipm_share),
            ("reduced", "LIQ-CEILING-FAMILY", 2_000),
        )
        self.assertEqual(wife.ipm_share + wife.copayment, wife.amount_allowed)

    def test_a_frequency_limit_gives_times_and_days(self):
        package_line = self.env["siamo.care.package.line"].search(
            [("company_id", "=", self.ipm_a.id)], limit=1
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            package_line.write({"frequency_count": 2})
            package_line.flush_recordset()

    def test_the_medical_officer_rejects_or_reduces_what_the_sample_flagged(self):
        dear, other = self._receive(self._over_tariff("M-1"), self._sheet("M-2"))
        batch = self._batch()
        batch.action_settle()
        self.assertEqual(dear.control_state, "to_review")
        with self.assertRaises(UserError):
            dear.action_control_reject()
        dear.control_note = "Acte non justifié"
        clerk = new_test_user(
            self.env,
            login="agent-liquidation",
            groups="siamo_ipm.group_ipm_user",
            company_id=self.ipm_a.id,
            company_ids=[self.ipm_a.id],
        )
        with self.assertRaises(AccessError):
            dear.with_user(clerk).action_control_reject()
        self.assertEqual(dear.control_state, "to_review")
        dear.action_control_reject()
        self.assertEqual((dear.control_state, dear.ipm_share), ("rejected", 0))
        self.env.cr.precommit.run()  # the chatter records the decision
        tracked = dear.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name in ("control_state", "control_note")
        )
        self.assertEqual(set(tracked.field_id.mapped("name")), {"control_state", "control_note"})
        other.write(
            {"control_state": "to_review", "control_note": "Contrôle", "control_ipm_share": 3_000}
        )
        other.action_control_reduce()
        self.assertEqual(other.ipm_share, 3_000)
        for result in other.line_ids.settlement_line_ids:
            self.assertEqual(result.ipm_share + result.copayment, result.allowed)
        batch.action_validate()
        self.assertEqual(batch.move_id.amount_total, 3_000)

    def test_the_ipm_sets_its_control_thresholds(self):
        self.env["siamo.ipm.rule"].create(
            {
                "company_id": self.ipm_a.id,
                "date_from": "2020-01-01",
                "control_random_rate": 0,
                "control_amount_threshold": 6_000,
            }
        )
        cheap, dear = self._receive(self._sheet("T-1"), self._over_tariff("T-2"))
        cheap.line_ids.filtered(lambda line: line.kind == "medicine").unlink()
        batch = self._batch()
        batch.action_settle()
        self.assertEqual(dear.control_reasons, "CTRL-OVER-TARIFF CTRL-AMOUNT")
        self.assertEqual((cheap.control_state, cheap.control_reasons), ("none", False))

    def test_a_provider_sees_only_its_own_validated_settlements(self):
        self._receive(self._sheet("P-1"))
        batch = self._batch()
        batch.action_settle()
        self._review_all(batch)
        clinic_user = self._provider_user("liq_clinique", self.clinic)
        pharmacy_user = self._provider_user("liq_pharmacie", self.pharmacy)
        batches = self.env["siamo.settlement.batch"]
        self.assertFalse(batches.with_user(clinic_user).search([]))
        batch.action_validate()
        self.assertEqual(batches.with_user(clinic_user).search([]), batch)
        self.assertFalse(batches.with_user(pharmacy_user).search([]))

    def _manager(self, login):
        return new_test_user(
            self.env,
            login=login,
            groups="siamo_ipm.group_ipm_manager",
            company_id=self.ipm_a.id,
            company_ids=[self.ipm_a.id],
        )

    def test_a_deleted_batch_takes_its_results_and_its_sheets_settle_again(self):
        sheets = self._receive(self._sheet("U-1"), self._over_tariff("U-2"))
        clerk = new_test_user(
            self.env,
            login="agent-suppression",
            groups="siamo_ipm.group_ipm_user",
            company_id=self.ipm_a.id,
            company_ids=[self.ipm_a.id],
        )
        manager = self._manager("gestionnaire-suppression")
        first = self._batch().with_user(manager)
        first.action_settle()
        results = sheets.line_ids.settlement_line_ids
        self.assertEqual(len(results), 3)
        with self.assertRaises(AccessError):
            first.with_user(clerk).unlink()
        first.unlink()
        self.assertFalse(results.exists())
        self.assertFalse(sheets.settlement_batch_id)
        again = self._batch().with_user(manager)
        again.action_settle()
        self.assertEqual(again.fse_ids, sheets)
        self.assertEqual(len(sheets.line_ids.settlement_line_ids), 3)
        self.assertEqual(again.ipm_share, 8_000)

    def test_a_deleted_sheet_or_line_takes_its_results(self):
        """The results have no foreign key to their line (a batch writes a million at once):
        the manager who deletes a settled sheet or one of its lines deletes their results,
        and nothing else."""
        one, two = self._receive(self._sheet("D-1"), self._over_tariff("D-2"))
        manager = self._manager("gestionnaire-effacement")
        batch = self._batch().with_user(manager)
        batch.action_settle()
        results = self.env["siamo.settlement.line"].search([("batch_id", "=", batch.id)])
        self.assertEqual(len(results), 3)
        medicine = one.line_ids.filtered(lambda line: line.kind == "medicine")
        medicine.with_user(manager).unlink()
        self.assertEqual(len(results.exists()), 2)
        self.assertNotIn(medicine.id, results.exists().mapped("fse_line_id").ids)
        two.with_user(manager).unlink()
        self.assertEqual(results.exists().fse_line_id, one.line_ids)
        self.assertEqual(len(results.exists()), 1)
