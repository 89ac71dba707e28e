from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_contributions import ContributionsCase

PERIOD = "siamo.contribution.period"


@tagged("post_install", "-at_install")
class TestContributionPeriodJobs(ContributionsCase):
    """A period of many member companies is computed and invoiced in background jobs, a
    chunk of member companies a job, one after the other, then a last job; here every
    period is "large" (no threshold) and a job takes one member company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the jobs write their progress in a cursor of their own: the test's, here
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)

    def setUp(self):
        super().setUp()
        period_class = type(self.env[PERIOD])
        self.patch(period_class, "_background_threshold", 0)
        self.patch(period_class, "_background_chunk", 1)

    def _queue(self, user, action):
        with trap_jobs() as trap:
            getattr(self.period.with_user(user), action)()
        return trap

    def _ordered(self, trap):
        """The trapped jobs in the order the chain runs them."""
        jobs, ordered = list(trap.enqueued_jobs), []
        while jobs:
            ready = next(job for job in jobs if not (job.depends_on - set(ordered)))
            ordered.append(ready)
            jobs.remove(ready)
        return ordered

    def _perform(self, trap):
        trap.perform_enqueued_jobs()

    def _job(self):
        """The period, its background work read afresh (the jobs write it apart)."""
        self.period.invalidate_recordset(
            ["siamo_job_state", "siamo_job_progress", "siamo_job_message"]
        )
        return self.period

    def _perform_until_failure(self, trap):
        """Run the chain as the job runner does: the jobs after a failed one never run. What
        the failed job wrote is undone by the job itself (the runner would roll back its
        transaction too; the progress it writes apart stays)."""
        for job in self._ordered(trap):
            try:
                job.perform()
            except UserError as error:
                return job, error
        self.fail("no job failed")

    def _computed(self):
        self._perform(self._queue(self.accountant, "action_compute"))

    # ------------------------------------------------------------------ compute

    def test_the_accountant_computes_a_large_period_a_job_per_chunk_then_a_last_one(self):
        trap = self._queue(self.accountant, "action_compute")
        trap.assert_jobs_count(3)
        trap.assert_jobs_count(2, only=self.period._compute_job_chunk)
        trap.assert_enqueued_job(self.period._compute_job_chunk, args=([self.membership.id], 1, 2))
        trap.assert_enqueued_job(self.period._compute_job_chunk, args=([self.other.id], 2, 2))
        trap.assert_enqueued_job(
            self.period._compute_job_finish, args=([self.membership.id, self.other.id],)
        )
        self.assertEqual({job.user_id for job in trap.enqueued_jobs}, {self.accountant.id})
        self.assertEqual(
            self._ordered(trap)[-1].func.__name__, "_compute_job_finish", "the last job closes"
        )
        self.assertEqual((self.period.state, self._job().siamo_job_state), ("draft", "queued"))
        self.assertEqual(self._job().siamo_job_message, "Computing 2 member companies in 2 parts.")
        self.assertFalse(self.period.line_ids)
        self._perform(trap)
        self.assertEqual(self.period.state, "computed")
        self.assertEqual(
            self.period.line_ids.participant_id, self.below | self.at | self.above | self.elsewhere
        )
        self.assertEqual(self.period.amount_total, 45_000)
        self.assertEqual(
            (self._job().siamo_job_state, self._job().siamo_job_progress), ("done", 100)
        )
        self.assertEqual(self._job().siamo_job_message, "Computed: 2 member companies.")

    def test_the_progress_counts_the_member_companies_done(self):
        trap = self._queue(self.manager, "action_compute")
        self._ordered(trap)[0].perform()
        self.assertEqual(self._job().siamo_job_state, "running")
        self.assertEqual(self._job().siamo_job_progress, 50)
        self.assertEqual(self._job().siamo_job_message, "1 of 2 member companies computed.")
        self.assertEqual(self.period.line_ids.membership_id, self.membership)
        self.assertEqual(self.period.state, "draft")

    def test_while_busy_the_period_refuses_compute_and_invoice(self):
        trap = self._queue(self.accountant, "action_compute")
        for action in ("action_compute", "action_invoice"):
            with self.subTest(action=action), self.assertRaises(UserError) as refused:
                getattr(self.period.with_user(self.accountant), action)()
            if action == "action_compute":
                self.assertIn("in the background", str(refused.exception))
        self._perform(trap)
        self._queue(self.accountant, "action_invoice")
        for action in ("action_compute", "action_invoice"):
            with (
                self.subTest(action=action),
                self.assertRaisesRegex(UserError, "being computed or invoiced in the background"),
            ):
                getattr(self.period.with_user(self.manager), action)()

    def test_a_failing_chunk_writes_nothing_and_computing_again_replaces_the_lines(self):
        self._computed()
        self.assertEqual(len(self.period.line_ids), 4)
        period_class = type(self.env[PERIOD])
        write_lines = period_class._write_lines
        other = self.other

        def failing(period, memberships=None):
            write_lines(period, memberships)
            if other in memberships:
                raise UserError("Salaire illisible")  # pylint: disable=translation-required

        self.patch(period_class, "_write_lines", failing)
        self.elsewhere.salary = 200_000
        job, error = self._perform_until_failure(self._queue(self.accountant, "action_compute"))
        self.assertEqual(job.args, ([self.other.id], 2, 2))
        self.assertEqual(str(error), "Salaire illisible")
        self.assertEqual(self.period.state, "draft")
        self.assertEqual(self._job().siamo_job_state, "failed")
        self.assertEqual(self._job().siamo_job_message, "Failed: Salaire illisible")
        elsewhere = self.period.line_ids.filtered(
            lambda line: line.participant_id == self.elsewhere
        )
        self.assertEqual(elsewhere.total, 9_000, "the failed chunk left the older line as it was")
        self.assertEqual(len(self.period.line_ids), 4)
        self.patch(period_class, "_write_lines", write_lines)
        self._computed()
        self.assertEqual(self.period.state, "computed")
        self.assertEqual(len(self.period.line_ids), 4, "computing twice replaces the lines")
        self.assertEqual(self.period.amount_total, 48_000)
        self.assertEqual(self._job().siamo_job_state, "done")

    def test_computing_again_drops_the_lines_of_a_member_company_gone(self):
        self._computed()
        self.other.state = "resigned"
        trap = self._queue(self.accountant, "action_compute")
        trap.assert_jobs_count(2)
        self._perform(trap)
        self.assertEqual(self.period.line_ids.membership_id, self.membership)
        self.assertEqual(self.period.amount_total, 36_000)

    # ------------------------------------------------------------------ invoice

    def test_the_manager_invoices_a_large_period_a_job_per_chunk(self):
        self._computed()
        trap = self._queue(self.manager, "action_invoice")
        trap.assert_jobs_count(3)
        trap.assert_enqueued_job(self.period._invoice_job_chunk, args=([self.membership.id], 1, 2))
        trap.assert_enqueued_job(self.period._invoice_job_chunk, args=([self.other.id], 2, 2))
        self.assertEqual({job.user_id for job in trap.enqueued_jobs}, {self.manager.id})
        self.assertEqual(self._job().siamo_job_state, "queued")
        self.assertFalse(self.period.move_ids)
        self._perform(trap)
        self.assertEqual(self.period.state, "invoiced")
        moves = self.period.move_ids
        self.assertEqual(moves.partner_id, self.employer | self.other_employer)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        self.assertEqual(sorted(moves.mapped("amount_total")), [9_000, 36_000])
        self.assertEqual(moves.invoice_user_id, self.manager)
        annexes = self.env["ir.attachment"].search_count(
            [("res_model", "=", "account.move"), ("res_id", "in", moves.ids)]
        )
        self.assertEqual(annexes, 4)
        self.assertEqual(self._job().siamo_job_message, "Invoiced: 2 member companies.")

    def test_a_failing_invoice_chunk_posts_nothing_and_invoicing_again_skips_the_invoiced(self):
        self._computed()
        move_class = type(self.env["account.move"])
        attach = move_class._siamo_attach_annex
        other_employer = self.other_employer

        def failing(move, pdf, xlsx):
            attach(move, pdf, xlsx)
            if move.partner_id == other_employer:
                raise UserError("Annexe impossible")  # pylint: disable=translation-required

        self.patch(move_class, "_siamo_attach_annex", failing)
        job, _error = self._perform_until_failure(self._queue(self.accountant, "action_invoice"))
        self.assertEqual(job.args, ([self.other.id], 2, 2))
        self.assertEqual(self.period.move_ids.partner_id, self.employer)
        self.assertFalse(
            self.env["account.move"].search_count([("partner_id", "=", self.other_employer.id)])
        )
        self.assertFalse(
            self.period.line_ids.filtered(lambda line: line.membership_id == self.other).move_id
        )
        self.assertEqual(self.period.state, "computed")
        self.assertEqual(self._job().siamo_job_message, "Failed: Annexe impossible")
        with self.assertRaisesRegex(UserError, "partly invoiced"):
            self.period.with_user(self.accountant).action_compute()
        self.patch(move_class, "_siamo_attach_annex", attach)
        trap = self._queue(self.accountant, "action_invoice")
        trap.assert_jobs_count(2)
        trap.assert_enqueued_job(self.period._invoice_job_chunk, args=([self.other.id], 1, 1))
        self._perform(trap)
        self.assertEqual(self.period.state, "invoiced")
        self.assertEqual(len(self.period.move_ids), 2, "the invoiced member company is skipped")
        self.assertEqual(sorted(self.period.move_ids.mapped("amount_total")), [9_000, 36_000])
        self.assertEqual(self._job().siamo_job_state, "done")

    # ------------------------------------------------------------------ roles

    def test_who_must_not_compute_nor_invoice_queues_no_job(self):
        outsiders = (self.clerk, self.medical_officer, self.other_manager, self.member_company_user)
        for user in outsiders:
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
                trap_jobs() as trap,
            ):
                try:
                    self.period.with_user(user).action_compute()
                finally:
                    trap.assert_jobs_count(0)
        self.assertFalse(self._job().siamo_job_state)
        self._computed()
        for user in outsiders:
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
                trap_jobs() as trap,
            ):
                try:
                    self.period.with_user(user).action_invoice()
                finally:
                    trap.assert_jobs_count(0)
        self.assertEqual((self.period.state, self._job().siamo_job_state), ("computed", "done"))
        self.assertFalse(self.period.move_ids)

    def test_a_job_queued_by_the_accountant_still_checks_its_rights_when_it_runs(self):
        trap = self._queue(self.accountant, "action_compute")
        self.accountant.groups_id = self.env.ref("siamo_ipm.group_ipm_user")
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self._ordered(trap)[0].perform()
        self.assertFalse(self.period.line_ids)


@tagged("post_install", "-at_install")
class TestSmallPeriodsAtOnce(ContributionsCase):
    def test_a_period_of_few_member_companies_is_computed_and_invoiced_at_once(self):
        period = self.period.with_user(self.accountant)
        self.assertEqual(type(period)._background_threshold, 50)
        with trap_jobs() as trap:
            period.action_compute()
            period.action_invoice()
        trap.assert_jobs_count(0)
        self.assertEqual((period.state, len(period.move_ids)), ("invoiced", 2))
        self.assertFalse(period.siamo_job_state)
