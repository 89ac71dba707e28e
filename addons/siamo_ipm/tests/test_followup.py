from datetime import date, timedelta

from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_contributions import ContributionsCase

DUE = date(2026, 11, 15)


@tagged("post_install", "-at_install")
class TestContributionFollowup(ContributionsCase):
    """Reminders on the IPM's schedule, stopped by payment; rights lost and restored.

    The daily recovery runs as the user its cron is configured with; the manual suspension
    and restoration are the manager's buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spouse = cls.env["siamo.beneficiary"].create(
            {
                "name": "Conjointe",
                "company_id": cls.ipm.id,
                "relationship": "spouse",
                "participant_id": cls.below.id,
            }
        )
        cls.below.first_contribution_month = "2020-01-01"
        cls.period.with_user(cls.accountant).action_compute()
        cls.period.with_user(cls.accountant).action_invoice()
        cls.invoice = cls.period.move_ids.filtered(lambda move: move.partner_id == cls.employer)
        cron = cls.env.ref("siamo_ipm.ir_cron_contribution_followup")
        cls.followup = cls.env["siamo.contribution.followup"].with_user(cron.user_id)

    def _run(self, days_after_due):
        with trap_jobs() as trap:
            self.followup._cron_follow_up(today=DUE + timedelta(days=days_after_due))
            trap.perform_enqueued_jobs()

    def _pay(self, on_date, amount=None):
        values = {"payment_date": on_date}
        if amount is not None:
            values.update(amount=amount, payment_difference_handling="open")
        self.env["account.payment.register"].with_company(self.ipm).with_context(
            active_model="account.move", active_ids=self.invoice.ids
        ).create(values)._create_payments()

    def test_a_partial_payment_lowers_the_balance_and_the_recovery_goes_on(self):
        self._pay(DUE + timedelta(days=5), amount=20_000)
        self.assertEqual(self.invoice.payment_state, "partial")
        self.assertEqual(self.invoice.amount_residual, 16_000)
        self.assertEqual(self.employer.with_company(self.ipm).credit, 16_000)
        self._run(15)
        self.assertEqual(self.invoice.siamo_reminder_ids.amount_due, 16_000)
        self._run(60)
        self.assertEqual(self.membership.state, "suspended")
        surcharge = self.env["account.move"].search(
            [("siamo_surcharge_of_id", "=", self.invoice.id)]
        )
        self.assertEqual(surcharge.amount_total, 800)
        self._pay(DUE + timedelta(days=65), amount=16_000)
        self.assertEqual(self.invoice.payment_state, "paid")
        self._run(66)
        self.assertEqual(self.membership.state, "active")
        self.employer.invalidate_recordset(["credit"])
        self.assertEqual(self.employer.with_company(self.ipm).credit, 800)

    def test_reminders_on_their_days_then_stopped_by_payment(self):
        self._run(14)
        self.assertFalse(self.invoice.siamo_reminder_ids)
        self._run(15)
        self.assertEqual(self.invoice.siamo_reminder_ids.mapped("days"), [15])
        self.assertEqual(self.invoice.siamo_reminder_ids.amount_due, 36_000)
        reminder = self.invoice.message_ids[0]
        self.assertIn(self.invoice.name, reminder.subject or "")
        self.assertIn(self.employer, reminder.partner_ids)
        self.assertEqual(
            reminder.notification_ids.filtered(lambda n: n.res_partner_id == self.employer).mapped(
                "notification_type"
            ),
            ["email"],
        )
        self.assertEqual(self.invoice.activity_ids.user_id, self.accountant)
        self._run(16)
        self.assertEqual(len(self.invoice.siamo_reminder_ids), 1)
        self._pay(DUE + timedelta(days=20))
        self.assertEqual(self.invoice.payment_state, "paid")
        self._run(30)
        self._run(60)
        self.assertEqual(self.invoice.siamo_reminder_ids.mapped("days"), [15])
        other = self.period.move_ids - self.invoice
        self.assertEqual(sorted(other.siamo_reminder_ids.mapped("days")), [15, 30, 60])

    def test_formal_notice_after_sixty_days(self):
        self._run(60)
        notice = self.invoice.siamo_reminder_ids
        self.assertEqual((notice.days, notice.kind), (60, "formal_notice"))
        self.assertEqual(notice.amount_due, 36_000)
        template = self.env.ref("siamo_ipm.mail_template_contribution_formal_notice")
        subject = template.with_context(lang=self.employer.lang)._render_field(
            "subject", self.invoice.ids
        )[self.invoice.id]
        sent = self.invoice.message_ids.filtered(lambda message: message.subject == subject)
        self.assertEqual(len(sent), 1, self.invoice.message_ids.mapped("subject"))
        self.assertIn(self.employer, sent.partner_ids)

    def test_rights_suspended_after_grace_and_restored_by_payment(self):
        self._run(59)
        self.assertEqual(self.membership.state, "active")
        self.assertTrue(self.spouse._rights_on(DUE + timedelta(days=59)).eligible)
        self._run(60)
        self.assertEqual(self.membership.state, "suspended")
        self.assertTrue(self.membership.suspended_for_arrears)
        self.assertEqual(self.below.suspended_since, DUE + timedelta(days=60))
        refused = self.spouse._rights_on(DUE + timedelta(days=61))
        self.assertEqual(
            [(reason.code, reason.params) for reason in refused.reasons],
            [("RIGHTS_SUSPENDED", {"date": DUE + timedelta(days=60)})],
        )
        self._pay(DUE + timedelta(days=70))
        self._run(70)
        self.assertEqual(self.membership.state, "active")
        self.assertFalse(self.below.suspended_since)
        self.assertTrue(self.spouse._rights_on(DUE + timedelta(days=71)).eligible)

    def test_late_payment_surcharge_invoiced_once_past_the_grace_period(self):
        self._run(59)
        surcharges = self.env["account.move"].search(
            [("siamo_surcharge_of_id", "=", self.invoice.id)]
        )
        self.assertFalse(surcharges)
        self._run(60)
        surcharge = self.env["account.move"].search(
            [("siamo_surcharge_of_id", "=", self.invoice.id)]
        )
        self.assertEqual((surcharge.state, surcharge.amount_total), ("posted", 1_800))
        self.assertEqual(surcharge.partner_id, self.employer)
        self.assertEqual(
            (surcharge.company_id, surcharge.journal_id.company_id), (self.ipm, self.ipm)
        )
        self.assertEqual(
            surcharge.invoice_line_ids.account_id, self.ipm.siamo_contribution_account_id
        )
        self.assertEqual(self.employer.with_company(self.ipm).credit, 37_800)
        self._pay(DUE + timedelta(days=61))
        self._run(62)
        self.assertEqual(
            self.env["account.move"].search_count(
                [("siamo_surcharge_of_id", "=", self.invoice.id)]
            ),
            1,
        )

    def test_no_surcharge_when_paid_within_the_grace_period(self):
        self._pay(DUE + timedelta(days=30))
        self._run(60)
        self.assertFalse(
            self.env["account.move"].search([("siamo_surcharge_of_id", "=", self.invoice.id)])
        )

    def test_a_membership_suspended_by_hand_is_not_restored_by_the_job(self):
        self.membership.with_user(self.manager).action_suspend()
        self.assertEqual(self.membership.state, "suspended")
        self.assertTrue(self.membership.date_suspended)
        self.assertFalse(self.membership.suspended_for_arrears)
        self._run(1)
        self.assertEqual(self.membership.state, "suspended")
        self.membership.with_user(self.manager).action_activate()
        self.assertEqual((self.membership.state, self.membership.date_suspended), ("active", False))

    def test_the_manager_restores_by_hand_the_rights_lost_for_arrears(self):
        self._run(60)
        self.assertEqual(self.below.suspended_since, DUE + timedelta(days=60))
        self._pay(DUE + timedelta(days=62))
        self.membership.with_user(self.manager).action_activate()
        self.assertEqual(self.membership.state, "active")
        self.assertFalse(self.membership.suspended_for_arrears)
        self.assertFalse(self.below.suspended_since)
        self.assertEqual(self.below.state, "covered")
        self.assertTrue(self.spouse._rights_on(DUE + timedelta(days=63)).eligible)
        self.assertTrue(
            self.membership.message_ids.filtered(lambda m: self.manager.name in str(m.body))
        )
        self._run(63)
        self.assertEqual(self.membership.state, "active")

    def test_the_member_company_and_another_ipm_neither_suspend_nor_restore(self):
        for user in (self.member_company_user, self.other_manager):
            for action in ("action_suspend", "action_activate"):
                with (
                    self.subTest(user=user.login, action=action),
                    self.assertRaises(AccessError),
                    self.cr.savepoint(),
                ):
                    getattr(self.membership.with_user(user), action)()
        self.assertEqual((self.membership.state, self.membership.date_suspended), ("active", False))

    def test_the_daily_run_is_one_job_per_ipm_in_its_company(self):
        today = DUE + timedelta(days=15)
        ipms = self.env["res.company"].search([("siamo_role", "=", "ipm")])
        self.assertIn(self.other_ipm, ipms)
        with trap_jobs() as trap:
            self.followup._cron_follow_up(today=today)
        trap.assert_jobs_count(len(ipms))
        for ipm in ipms:
            trap.assert_enqueued_job(
                self.followup._follow_up_ipm,
                args=(ipm, today),
                properties={
                    "description": f"Recovery of contributions of {ipm.name} on 30/11/2026"
                },
            )
        job = next(job for job in trap.enqueued_jobs if job.args[0] == self.ipm)
        self.assertEqual(job.recordset.env.company, self.ipm)
        self.assertEqual(job.company_id, self.ipm.id)
        self.assertFalse(self.invoice.siamo_reminder_ids, "nothing runs before the jobs")

    def test_one_ipm_failing_leaves_the_other_ipms_recovery_done(self):
        """Each job runs in its own transaction: the other IPM's job fails and is undone, this
        IPM's reminders are sent whichever job runs first."""
        followup_class = type(self.env["siamo.contribution.followup"])
        send_reminders = followup_class._send_reminders
        other_ipm = self.other_ipm

        def failing(followup, ipm, today):
            send_reminders(followup, ipm, today)
            if ipm == other_ipm:
                raise UserError("Serveur de messagerie injoignable")  # pylint: disable=translation-required

        self.patch(followup_class, "_send_reminders", failing)
        for order in (1, -1):
            with self.subTest(order=order), self.cr.savepoint() as savepoint:
                with trap_jobs() as trap:
                    failed = self._run_unchained(trap, order)
                self.assertEqual(failed, [self.other_ipm])
                self.assertEqual(self.invoice.siamo_reminder_ids.mapped("days"), [15])
                self.assertEqual(self.invoice.siamo_reminder_ids.sent_on, DUE + timedelta(15))
                savepoint.close()

    def _run_unchained(self, trap, order):
        """The daily run as the job runner does it: each job in its own transaction."""
        self.followup._cron_follow_up(today=DUE + timedelta(days=15))
        failed = []
        for job in sorted(trap.enqueued_jobs, key=lambda job: job.args[0].id)[::order]:
            try:
                with self.cr.savepoint():
                    job.perform()
            except UserError:
                failed.append(job.args[0])
        return failed
