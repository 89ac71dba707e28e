from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.addons.siamo_referentiel.tests.common_jobs import JobRunnerCase, trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_care import CARE_DATE, CareCase
from .test_copayment_recovery import AdvanceData
from .test_money_roles import MoneyRoles

MONTH = date.fromisoformat(CARE_DATE).replace(day=1)
READ = ["partner_id", "month", "amount", "participant_count", "state"]


@tagged("post_install", "-at_install")
class TestCopaymentStatementJobs(JobRunnerCase, MoneyRoles, AdvanceData, CareCase):
    """A month of many member companies is prepared by a queue job with its progress; the
    monthly cron enqueues one job per IPM."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "siamo_ipm.copayment_statement_background_companies", 0
        )
        self.sheet = self._validated_batch(self._sheet("J-1")).fse_ids

    def _wizard(self, user=None):
        wizards = self.env["siamo.copayment.statement.prepare"].with_user(user or self.accountant)
        return wizards.create({"company_id": self.ipm_a.id, "month": MONTH})

    def _statements(self):
        return self.statements.search([("company_id", "=", self.ipm_a.id), ("month", "=", MONTH)])

    def _enqueued(self, trap, wizard):
        action = wizard.action_prepare()
        self.assertEqual(action["res_id"], wizard.id)
        trap.assert_jobs_count(1)
        trap.assert_enqueued_job(wizard._prepare_job)

    def _synchronously(self):
        """The statements the same month gives when prepared at once."""
        wizards = type(self.env["siamo.copayment.statement.prepare"])
        with (
            self.cr.savepoint() as savepoint,
            patch.object(wizards, "_background_companies", lambda wizard: 1000),
        ):
            with trap_jobs() as trap:
                action = self._wizard().action_prepare()
                trap.assert_jobs_count(0)
            made = self.statements.search(action["domain"]).read(READ, load=False)
            savepoint.rollback()
            self.env.invalidate_all()
        return [{**row, "id": None} for row in made]

    def test_the_accountant_s_month_is_prepared_by_a_job_with_progress(self):
        expected = self._synchronously()
        self.assertEqual(len(expected), 1)
        wizard = self._wizard()
        steps = []
        step = type(wizard)._siamo_job_step

        def spy(record, done, total, message=None):
            steps.append((done, total))
            return step(record, done, total, message)

        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            self.assertEqual(wizard.state, "running")
            self.assertEqual(self._job_state(wizard)[:2], ("queued", 0))
            self.assertFalse(self._statements())
            with patch.object(type(wizard), "_siamo_job_step", spy):
                self.assertEqual(self._run_jobs(trap), [])
        self.assertEqual(steps, [(1, 1)])
        self.assertEqual(self._job_state(wizard), ("done", 100, "Statements prepared."))
        self.assertEqual(wizard.state, "done")
        made = wizard.statement_ids.read(READ, load=False)
        self.assertEqual([{**row, "id": None} for row in made], expected)
        self.assertEqual(self.sheet.copayment_statement_id, wizard.statement_ids)
        shown = self.statements.with_user(self.accountant).search(
            wizard.action_view_statements()["domain"]
        )
        self.assertEqual(shown, wizard.statement_ids)

    @mute_logger("odoo.addons.siamo_ipm.wizards.siamo_copayment_statement_prepare")
    def test_a_failing_job_prepares_nothing_and_says_why(self):
        wizard = self._wizard()

        def fails(record, done, total):
            raise UserError("base indisponible")  # pylint: disable=translation-required

        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            with patch.object(type(wizard), "_report_progress", fails):
                errors = self._run_jobs(trap)
        self.assertEqual([str(error) for error in errors], ["base indisponible"])
        self.assertFalse(self._statements())
        self.assertFalse(self.sheet.copayment_statement_id)
        self.assertEqual(self._job_state(wizard)[::2], ("failed", "Failed: base indisponible"))
        wizard.invalidate_recordset()
        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            self.assertEqual(self._run_jobs(trap), [])
        self.assertEqual(wizard.statement_ids, self._statements())
        self.assertEqual(self.sheet.copayment_statement_id, wizard.statement_ids)

    def test_only_the_accountant_prepares_and_the_menu_reopens_his_preparation(self):
        wizard = self._wizard()
        with trap_jobs() as trap:
            for user in (self.clerk, self.officer, self.manager_b, self.portal):
                with (
                    self.subTest(user=user.login),
                    self.assertRaises(AccessError),
                    self.cr.savepoint(),
                ):
                    wizard.with_user(user).action_prepare()
            trap.assert_jobs_count(0)
            menu = self.env["siamo.copayment.statement.prepare"]
            self.assertFalse(menu.with_user(self.accountant).action_open().get("res_id"))
            self._enqueued(trap, wizard)
            with self.assertRaisesRegex(UserError, "already being prepared"):
                wizard.action_prepare()
            trap.assert_jobs_count(1)
            self.assertEqual(menu.with_user(self.accountant).action_open()["res_id"], wizard.id)
            self.assertFalse(menu.with_user(self.manager).action_open().get("res_id"))
            self._run_jobs(trap)
        self.assertFalse(menu.with_user(self.accountant).action_open().get("res_id"))

    @mute_logger("odoo.addons.queue_job.job")
    def test_the_monthly_cron_enqueues_one_job_per_ipm_and_one_failure_stops_no_other(self):
        ipms = self.env["res.company"].search([("siamo_role", "=", "ipm")])
        self.assertGreaterEqual(len(ipms), 2)
        statements = self.statements
        prepare = type(statements)._prepare

        def fails_for_ipm_a(model, company, month, progress=None):
            made = prepare(model, company, month, progress)
            if company == self.ipm_a:
                raise UserError("IPM A en panne")  # pylint: disable=translation-required
            return made

        cron = self.env.ref("siamo_ipm.ir_cron_prepare_copayment_statements")
        next_month = MONTH + relativedelta(months=1, days=4)
        for failing in (True, False):
            with (
                trap_jobs() as trap,
                patch.object(fields.Date, "context_today", lambda record, tz=None: next_month),
            ):
                statements.with_user(cron.user_id)._cron_prepare_last_month()
            trap.assert_jobs_count(len(ipms))
            for ipm in ipms:
                trap.assert_enqueued_job(statements._prepare_month_job, args=(ipm, MONTH))
            jobs = list(trap.enqueued_jobs)
            with patch.object(
                type(statements), "_prepare", fails_for_ipm_a if failing else prepare
            ):
                errors = self._run_jobs(trap)
            if failing:
                self.assertEqual([str(error) for error in errors], ["IPM A en panne"])
                self.assertFalse(self._statements())
                self.assertFalse(self.sheet.copayment_statement_id)
                # every other IPM's job ran to its end
                self.assertEqual(len([job for job in jobs if job.result]), len(ipms) - 1)
        self.assertEqual(errors, [])
        statement = self._statements()
        self.assertEqual((statement.partner_id, statement.amount), (self.employer_a, 1_000))
        self.assertEqual(self.sheet.copayment_statement_id, statement)
