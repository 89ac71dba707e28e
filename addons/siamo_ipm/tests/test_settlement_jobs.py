from datetime import date, timedelta
from unittest.mock import patch

from odoo.addons.siamo_referentiel.tests.jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.siamo_settlement_batch_jobs import JOB_METHODS
from .common_care import CARE_DATE, CareCase
from .test_settlement import SettlementData

RESULT = ("status", "reason_codes", "allowed", "ipm_share", "copayment")
SHEET = ("settlement_batch_id", "amount_allowed", "ipm_share", "copayment", "control_state")


@tagged("post_install", "-at_install")
class TestSettlementJobs(SettlementData, CareCase):
    """A large batch settles in background jobs, a chunk of families per job side by side,
    then a last job that samples it: the same results as at once, progress on the batch,
    and nothing half-written when a job fails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the jobs write their progress in a cursor of their own: the test's, here
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.manager = cls._ipm_user("jobs-gestionnaire", cls.ipm_a, "siamo_ipm.group_ipm_manager")
        cls.clerk = cls._ipm_user("jobs-agent", cls.ipm_a)
        cls.officer = cls._ipm_user(
            "jobs-medecin", cls.ipm_a, "siamo_ipm.group_ipm_medical_officer"
        )
        cls.participant_a2.write({"nin": "1342198000145", "first_contribution_month": "2020-01-01"})
        cls.spouse_a.nin = "2342199000012"
        # the family may receive 6 000 FCFA of consultations a year: the participant's and
        # his wife's sheets share it, so they must settle in the same job
        cls.env["siamo.care.package.line"].search(
            [
                ("company_id", "=", cls.ipm_a.id),
                ("act_class_id", "=", cls.consultation.act_class_id.id),
            ]
        ).ceiling_per_year_family = 6_000
        for act_class in cls.env["siamo.act.class"].search([]):
            cls.ipm_a._siamo_care_expense_account(act_class)

    def _receive_two_families(self):
        """Three sheets of Moussa's family (his wife's gets what the ceiling leaves), two of
        Lamine's: ``(Moussa's family's sheets, Lamine's)``."""
        consultation = [
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 5_000, "amount": 5_000}
        ]
        day_before = (date.fromisoformat(CARE_DATE) - timedelta(days=1)).isoformat()
        lamine = {"nin": "1342198000145"}
        sheets = self._receive(
            self._sheet("J-1"),
            self._over_tariff("J-2"),
            self._sheet("J-3", lines=consultation, beneficiary={"nin": "2342199000012"}),
            self._sheet("J-4", beneficiary=lamine),
            self._sheet("J-5", lines=consultation, beneficiary=lamine, care_date=day_before),
        )
        return sheets[:3], sheets[3:]

    def _settle_in_jobs_above(self, threshold, chunk_sheets):
        parameters = self.env["ir.config_parameter"]
        parameters.set_param("siamo_ipm.settlement_job_threshold", threshold)
        parameters.set_param("siamo_ipm.settlement_job_sheets", chunk_sheets)

    @staticmethod
    def _results(sheets):
        lines = sheets.line_ids.sorted("id")
        return {line.id: tuple(line.settlement_line_ids[name] for name in RESULT) for line in lines}

    @staticmethod
    def _totals(sheets):
        return {sheet.id: tuple(sheet[name] for name in SHEET) for sheet in sheets}

    def test_a_large_batch_settles_family_by_family_in_jobs_as_it_would_at_once(self):
        family_a, family_a2 = self._receive_two_families()
        sheets = family_a | family_a2
        batch = self._batch().with_user(self.manager)
        with trap_jobs() as trap:
            batch.action_settle()  # five sheets: at once
            trap.assert_jobs_count(0)
        self.assertEqual(batch.state, "settled")
        at_once, totals = self._results(sheets), self._totals(sheets)
        self.assertEqual(
            at_once[family_a.filtered(lambda s: s.beneficiary_id == self.spouse_a).line_ids.id],
            ("reduced", "LIQ-CEILING-FAMILY", 5_000, 0, 5_000),
        )
        earlier = sheets.line_ids.settlement_line_ids

        self._settle_in_jobs_above(2, 3)
        with trap_jobs() as trap:
            batch.action_settle()
            trap.assert_jobs_count(3)
            trap.assert_jobs_count(2, only=batch._settle_job_chunk)
            trap.assert_enqueued_job(batch._settle_job_chunk, args=([self.participant_a.id],))
            trap.assert_enqueued_job(batch._settle_job_chunk, args=([self.participant_a2.id],))
            trap.assert_enqueued_job(batch._settle_job_finish)
            batch.invalidate_recordset()
            self.assertEqual((batch.state, batch.siamo_job_state), ("draft", "queued"))
            self.assertEqual(batch.siamo_job_message, "5 sheets to settle in 2 parts.")
            with self.assertRaisesRegex(UserError, "being settled in the background"):
                batch.action_settle()
            with self.assertRaisesRegex(UserError, "being settled in the background"):
                batch.action_validate()
            with self.assertRaises(UserError):
                batch.write({"date_from": CARE_DATE})
            trap.perform_enqueued_jobs()
        batch.invalidate_recordset()
        sheets.invalidate_recordset()
        self.assertEqual(batch.state, "settled")
        self.assertEqual(
            (batch.siamo_job_state, batch.siamo_job_progress, batch.siamo_job_message),
            ("done", 100, "Settled: 5 sheets."),
        )
        self.assertFalse(earlier.exists(), "the jobs write the results anew")
        self.assertEqual(self._results(sheets), at_once)
        self.assertEqual(self._totals(sheets), totals)
        self._review_all(batch)
        batch.action_validate()
        self.assertEqual(batch.move_id.amount_total, batch.ipm_share)

    def test_only_the_manager_queues_the_settlement(self):
        self._receive_two_families()
        self._settle_in_jobs_above(2, 3)
        batch = self._batch()
        for user in (self.clerk, self.officer):
            with self.subTest(user=user.login), trap_jobs() as trap:
                with self.assertRaises(AccessError):
                    batch.with_user(user).action_settle()
                trap.assert_jobs_count(0)
        batch.invalidate_recordset()
        self.assertEqual((batch.state, batch.siamo_job_state, batch.fse_count), ("draft", False, 0))
        with trap_jobs() as trap:
            batch.with_user(self.manager).action_settle()
            trap.assert_jobs_count(3)

    def test_a_failing_job_leaves_nothing_half_written_and_says_why(self):
        family_a, family_a2 = self._receive_two_families()
        self._settle_in_jobs_above(2, 3)
        batch = self._batch().with_user(self.manager)
        broken = family_a2.line_ids.sorted("id")[1]
        batches = type(self.env["siamo.settlement.batch"])
        prepare = batches._prepare_settlement_line_values

        def failing(record, line_id, claimed, outcome):
            if line_id == broken.id:
                raise UserError("the tariff of TST-C cannot be read")  # pylint: disable=translation-required
            return prepare(record, line_id, claimed, outcome)

        with (
            patch.object(batches, "_prepare_settlement_line_values", failing),
            trap_jobs() as trap,
        ):
            batch.action_settle()
            with self.assertRaisesRegex(UserError, "cannot be read"):
                trap.perform_enqueued_jobs()
        batch.invalidate_recordset()
        (family_a | family_a2).invalidate_recordset()
        self.assertEqual(
            (batch.state, batch.siamo_job_state, batch.siamo_job_message),
            ("draft", "failed", "Failed: the tariff of TST-C cannot be read"),
        )
        # the failed part wrote none of its results, though its first line was settled
        self.assertFalse(family_a2.line_ids.settlement_line_ids)
        self.assertFalse(family_a2.settlement_batch_id)
        self.assertEqual(set(family_a2.mapped("state")), {"received"})
        # a part that ran wrote all of its results
        done = family_a.line_ids.settlement_line_ids
        self.assertIn(len(done), (0, len(family_a.line_ids)))
        with self.assertRaisesRegex(UserError, "Settle the batch"):
            batch.action_validate()
        # the manager settles it again: everything is settled, once
        with trap_jobs() as trap:
            batch.action_settle()
            trap.perform_enqueued_jobs()
        batch.invalidate_recordset()
        self.assertEqual((batch.state, batch.siamo_job_state), ("settled", "done"))
        self.assertEqual(batch.fse_ids, family_a | family_a2)
        self.assertEqual(
            len(batch.fse_ids.line_ids.settlement_line_ids), len(batch.fse_ids.line_ids)
        )

    def test_settling_again_cancels_the_jobs_a_failed_run_left_waiting(self):
        self._receive_two_families()
        self._settle_in_jobs_above(2, 3)
        batch = self._batch().with_user(self.manager)
        queued = self.env["queue.job"]
        domain = [("model_name", "=", "siamo.settlement.batch"), ("method_name", "in", JOB_METHODS)]
        batch.action_settle()  # stored for the job runner, which does not run in a test
        earlier = queued.search(domain)
        self.assertEqual(len(earlier), 3)
        self.assertEqual(set(earlier.mapped("state")), {"pending", "wait_dependencies"})
        # set-up: the first part failed, the others wait for it
        batch._siamo_job_failed(UserError("the tariff of TST-C cannot be read"))
        batch.action_settle()
        self.assertEqual(set(earlier.mapped("state")), {"cancelled"})
        again = queued.search(domain) - earlier
        self.assertEqual(len(again), 3)
        self.assertEqual(set(again.mapped("state")), {"pending", "wait_dependencies"})
        batch.invalidate_recordset()
        self.assertEqual(batch.siamo_job_state, "queued")
