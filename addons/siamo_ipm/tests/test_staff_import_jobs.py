import base64
from unittest.mock import patch

from odoo.addons.siamo_referentiel.tests.common_jobs import JobRunnerCase, trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_staff_import import HEADER, StaffListCase

LINES = (
    "MAT-A1;Moussa Test;;;M;;250000;",
    "MAT-NEW;Awa Nouvelle;2751199001234;02/05/1990;F;01/11/2026;180000;",
)
FIELDS = ["payroll_number", "name", "salary", "state", "left_on", "membership_id", "nin"]


@tagged("post_install", "-at_install")
class TestStaffImportJobs(JobRunnerCase, StaffListCase):
    """A list that changes many workers is applied by a queue job, its progress shown."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "siamo_ipm.staff_import_background_changes", 0
        )

    def _register(self):
        workers = self.env["siamo.beneficiary"].search(
            [("membership_id", "=", self.membership_a.id), ("relationship", "=", "participant")],
            order="payroll_number",
        )
        return workers.read(FIELDS, load=False)

    def _enqueued(self, trap, wizard):
        wizard.action_apply()
        trap.assert_jobs_count(1)
        trap.assert_enqueued_job(wizard._apply_job)

    def _synchronously(self):
        """The register the same list leaves when applied at once."""
        wizards = type(self.env["siamo.staff.import"])
        with (
            self.cr.savepoint() as savepoint,
            patch.object(wizards, "_background_changes", lambda wizard: 1000),
        ):
            with trap_jobs() as trap:
                self._wizard(*LINES).action_apply()
                trap.assert_jobs_count(0)
            register = [{**row, "id": None} for row in self._register()]
            savepoint.rollback()
            self.env.invalidate_all()
        return register

    def test_a_large_list_is_applied_by_a_job_with_progress(self):
        expected = self._synchronously()
        self.assertEqual(len(expected), 3)
        wizard = self._wizard(*LINES)
        before = self._register()
        steps = []
        step = type(wizard)._siamo_job_step

        def spy(record, done, total, message=None):
            steps.append((done, total))
            return step(record, done, total, message)

        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            self.assertEqual(wizard.state, "running")
            self.assertEqual(self._job_state(wizard)[:2], ("queued", 0))
            self.assertEqual(self._register(), before)
            with patch.object(type(wizard), "_siamo_job_step", spy):
                self.assertEqual(self._run_jobs(trap), [])
        self.assertEqual(steps, [(0, 1), (1, 3), (2, 3), (3, 3)])
        self.assertEqual(self._job_state(wizard), ("done", 100, "List applied."))
        self.assertEqual(
            (wizard.state, wizard.hire_count, wizard.departure_count, wizard.salary_change_count),
            ("done", 1, 1, 1),
        )
        self.assertEqual([{**row, "id": None} for row in self._register()], expected)
        hire = self.env["siamo.beneficiary"].search([("payroll_number", "=", "MAT-NEW")])
        self.assertEqual(hire.create_uid, self.clerk)

    @mute_logger("odoo.addons.siamo_ipm.wizards.siamo_staff_import")
    def test_a_failing_job_changes_nothing_and_says_why(self):
        wizard = self._wizard(*LINES)
        before = self._register()
        calls = []

        def fails_late(record, done, total):
            calls.append(done)
            if done == total:  # the hire and the departure are written, the raise fails
                raise UserError("serveur saturé")  # pylint: disable=translation-required

        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            with patch.object(type(wizard), "_report_progress", fails_late):
                errors = self._run_jobs(trap)
        self.assertEqual(calls, [1, 2, 3])
        self.assertEqual([str(error) for error in errors], ["serveur saturé"])
        self.assertEqual(self._register(), before)
        self.assertEqual(self._job_state(wizard)[::2], ("failed", "Failed: serveur saturé"))
        wizard.invalidate_recordset()
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")

    def test_the_company_s_button_opens_the_list_being_applied(self):
        wizard = self._wizard(*LINES)
        membership = self.membership_a.with_user(self.manager)
        self.assertFalse(membership.action_import_staff().get("res_id"))
        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            self.assertEqual(membership.action_import_staff()["res_id"], wizard.id)
            with self.assertRaisesRegex(UserError, "already being applied"):
                wizard.action_apply()
            trap.assert_jobs_count(1)
            self._run_jobs(trap)
        self.assertFalse(membership.action_import_staff().get("res_id"))

    def test_neither_the_member_company_nor_another_ipm_enqueues_a_list(self):
        hr_contact = self.env["res.partner"].create(
            {"name": "RH Job A", "parent_id": self.employer_a.id}
        )
        member_company = self._portal_user(
            "rh_staff_job_a", hr_contact, self.ipm_a, "siamo_ipm.group_portal_member_company"
        )
        manager_b = self._ipm_user("manager_staff_job_b", self.ipm_b, "siamo_ipm.group_ipm_manager")
        wizard = self._wizard(*LINES)
        with trap_jobs() as trap:
            for user in (member_company, manager_b):
                with self.subTest(user=user.login):
                    with self.assertRaises(AccessError), self.cr.savepoint():
                        wizard.with_user(user).action_apply()
                    with self.assertRaises(AccessError), self.cr.savepoint():
                        self._wizard(*LINES, user=user)
            trap.assert_jobs_count(0)
        self.assertEqual(wizard.state, "upload")
        self.assertFalse(self._job_state(wizard)[0])

    def test_an_accepted_request_applies_its_list_at_once(self):
        """Accepting a company's request applies its list in the same transaction, whatever
        its size: the request records what it changed."""
        content = "\n".join([HEADER, *LINES]).encode()
        request, _check = self.env["siamo.member.request"]._submit_staff_list(
            self.membership_a, "personnel.csv", content
        )
        with trap_jobs() as trap:
            request.with_user(self.clerk).action_accept()
            trap.assert_jobs_count(0)
        self.assertEqual((request.state, request.hire_count), ("accepted", 1))
        self.assertEqual(self.participant_a.salary, 250_000)
        self.assertTrue(base64.b64decode(request.file).startswith(HEADER.encode()))
