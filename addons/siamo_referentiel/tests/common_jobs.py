from unittest.mock import patch

import odoo.tests.common as odoo_tests

# queue_job's test helpers register a patching source in SETATTR_SOURCES, which Odoo 18.0
# builds older than queue_job's own do not define: nothing checks it there, so an empty one
if not hasattr(odoo_tests, "SETATTR_SOURCES"):
    odoo_tests.SETATTR_SOURCES = {}

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.siamo_referentiel.models.siamo_job_progress import SiamoJobProgress

__all__ = ["JobRunnerCase", "trap_jobs"]


class JobRunnerCase:
    """Run trapped queue jobs as the job runner does, for a test case class.

    The registry is in test mode, so that what a job writes apart (its progress, through
    ``siamo.job.progress``) goes through the test's transaction; each job runs in a savepoint
    rolled back when it fails, as the runner rolls the job's transaction back, and what was
    written apart is written again afterwards, as it had been committed on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)

    def _run_jobs(self, trap):
        """Perform the jobs ``trap`` holds, by priority; the list of the errors they raised."""
        jobs, trap.enqueued_jobs = trap.enqueued_jobs, []
        errors = []
        for job in sorted(jobs, key=lambda job: job.priority):
            error = self._run_job(job)
            if error:
                errors.append(error)
        return errors

    def _run_job(self, job):
        written_apart = []
        write_apart = SiamoJobProgress._write_apart

        def keep(progress, records, values):
            written_apart.append((records, values))
            return write_apart(progress, records, values)

        try:
            with patch.object(SiamoJobProgress, "_write_apart", keep), self.cr.savepoint():
                job.perform()
                self.env.flush_all()
        except Exception as error:  # the runner records any failure
            self.env.invalidate_all()
            for records, values in written_apart:
                write_apart(self.env["siamo.job.progress"], records, values)
            return error
        return None

    def _job_state(self, record):
        """(state, progress, message) of ``record``'s job, read again."""
        record.invalidate_recordset(["siamo_job_state", "siamo_job_progress", "siamo_job_message"])
        return record.siamo_job_state, record.siamo_job_progress, record.siamo_job_message
