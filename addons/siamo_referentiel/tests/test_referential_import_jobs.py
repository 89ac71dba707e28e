from unittest.mock import patch

from odoo.addons.siamo_referentiel.wizards import siamo_referential_import_adapters as adapters
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import SiamoReferentialCase
from .common_jobs import JobRunnerCase, trap_jobs

FIELDS = ["code", "name", "public_price", "create_uid"]


@tagged("post_install", "-at_install")
class TestReferentialImportJobs(JobRunnerCase, SiamoReferentialCase):
    """A file long to write is imported by a queue job, with its progress on the wizard."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "siamo_referentiel.import_background_seconds", 0
        )
        self.content = self._csv(
            ["code", "nom_commercial", "prix_public"],
            ["IMB-1", "Un", "100"],
            ["IMB-2", "Deux", "200"],
            ["IMB-3", "Trois", "300"],
        )

    def _imported(self):
        medicines = self.env["siamo.medicine"].search([("code", "like", "IMB-")], order="code")
        return medicines.read(FIELDS, load=False)

    def _enqueued(self, trap, wizard):
        wizard.action_import()
        trap.assert_jobs_count(1)
        trap.assert_enqueued_job(wizard._import_job)
        return trap

    def _synchronously(self):
        """What the same file gives when written at once."""
        wizards = type(self.env["siamo.referential.import"])
        with (
            self.cr.savepoint(flush=True) as savepoint,
            patch.object(wizards, "_background_seconds", lambda wizard: 1000),
        ):
            with trap_jobs() as trap:
                self._wizard("medicines", self.content).action_import()
                trap.assert_jobs_count(0)
            imported = [{**row, "id": None} for row in self._imported()]
            savepoint.rollback()
            self.env.invalidate_all()
        return imported

    def test_a_long_file_is_written_by_a_job_with_progress(self):
        expected = self._synchronously()
        self.assertEqual(len(expected), 3)
        wizard = self._wizard("medicines", self.content)
        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            self.assertEqual(wizard.state, "running")
            self.assertEqual(self._job_state(wizard)[:2], ("queued", 0))
            self.assertFalse(self._imported())
            steps = []
            step = type(wizard)._siamo_job_step

            def spy(record, done, total, message=None):
                steps.append((done, total))
                return step(record, done, total, message)

            with (
                patch.object(adapters, "BULK_BATCH_SIZE", 2),
                patch.object(type(wizard), "_siamo_job_step", spy),
            ):
                self.assertEqual(self._run_jobs(trap), [])
        self.assertEqual(steps, [(0, 1), (2, 3), (3, 3)])
        self.assertEqual(wizard.state, "done")
        self.assertEqual(self._job_state(wizard), ("done", 100, "Import done."))
        self.assertEqual((wizard.create_count, wizard.update_count), (3, 0))
        imported = self._imported()
        self.assertEqual([{**row, "id": None} for row in imported], expected)
        self.assertEqual({row["create_uid"] for row in imported}, {self.referential_manager.id})

    @mute_logger(
        "odoo.addons.siamo_referentiel.wizards.siamo_referential_import",
        "odoo.addons.queue_job.job",
    )
    def test_a_failing_job_writes_nothing_and_says_why(self):
        wizard = self._wizard("medicines", self.content)
        calls = []

        def full_disk(record, done, total):
            calls.append(done)
            if len(calls) > 1:  # the first chunk is written, the second fails
                raise UserError("disque plein")  # pylint: disable=translation-required

        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            with (
                patch.object(adapters, "BULK_BATCH_SIZE", 2),
                patch.object(type(wizard), "_report_progress", full_disk),
            ):
                errors = self._run_jobs(trap)
        self.assertEqual(calls, [2, 3])
        self.assertEqual([str(error) for error in errors], ["disque plein"])
        self.assertFalse(self._imported())
        state, _progress, message = self._job_state(wizard)
        self.assertEqual((state, message), ("failed", "Failed: disque plein"))
        # the user checks the file again and imports it
        wizard.invalidate_recordset()
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            self.assertEqual(self._run_jobs(trap), [])
        self.assertEqual(len(self._imported()), 3)

    def test_an_import_under_way_is_not_started_twice_and_the_menu_reopens_it(self):
        wizard = self._wizard("medicines", self.content)
        menu = self.env["siamo.referential.import"].with_user(self.referential_manager)
        self.assertFalse(menu.action_open().get("res_id"))
        with trap_jobs() as trap:
            self._enqueued(trap, wizard)
            with self.assertRaisesRegex(UserError, "already under way"):
                wizard.action_import()
            trap.assert_jobs_count(1)
            self.assertEqual(menu.action_open()["res_id"], wizard.id)
            other = new_test_user(
                self.env,
                login="other_importer",
                groups="siamo_referentiel.group_referential_manager",
            )
            self.assertFalse(
                self.env["siamo.referential.import"].with_user(other).action_open().get("res_id")
            )
            self._run_jobs(trap)
        self.assertFalse(menu.action_open().get("res_id"))

    def test_who_does_not_maintain_the_referentials_enqueues_nothing(self):
        wizard = self._wizard("medicines", self.content)
        staff = new_test_user(self.env, login="ref_job_staff", groups="base.group_user")
        with trap_jobs() as trap:
            with self.assertRaises(AccessError), self.cr.savepoint():
                wizard.with_user(staff).action_import()
            trap.assert_jobs_count(0)
        self.assertEqual(wizard.state, "upload")
        self.assertFalse(self._job_state(wizard)[0])

    def test_the_vacuum_spares_a_wizard_whose_job_is_under_way(self):
        busy = self._wizard("medicines", self.content)
        idle = self._wizard("medicines", self.content)
        with trap_jobs() as trap:
            self._enqueued(trap, busy)
        self.env.flush_all()
        self.cr.execute(
            "UPDATE siamo_referential_import SET write_date = now() - interval '2 hours' "
            "WHERE id IN %s",
            [(busy.id, idle.id)],
        )
        self.env["siamo.referential.import"]._transient_clean_rows_older_than(3600)
        self.assertTrue(busy.exists())
        self.assertFalse(idle.exists())
