from psycopg2 import OperationalError

from odoo import api, fields, models
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.models import GC_UNLINK_LIMIT
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tools import SQL

from .siamo_job_progress import STATES


def _retried(error):
    """Whether the job runner tries the job again after ``error`` (a conflict with another
    transaction): not a failure the user must act on."""
    if isinstance(error, RetryableJobError):
        return True
    return isinstance(error, OperationalError) and error.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY


class SiamoJobMixin(models.AbstractModel):
    """A business record whose long work runs as OCA ``queue_job`` jobs: the user sees where
    it stands on the record (queued, running with its progress, done, or failed with a
    French message), and a failed job leaves nothing half-written, its transaction rolled
    back. The work methods call :meth:`_siamo_job_step` as they go and
    :meth:`_siamo_job_run` around themselves."""

    _name = "siamo.job.mixin"
    _description = "Work Run in the Background"

    siamo_job_state = fields.Selection(
        STATES, string="Background Work", compute="_compute_siamo_job", compute_sudo=True
    )
    siamo_job_progress = fields.Integer(
        string="Progress (%)", compute="_compute_siamo_job", compute_sudo=True
    )
    siamo_job_message = fields.Char(
        string="Background Work Status", compute="_compute_siamo_job", compute_sudo=True
    )

    def _siamo_job_record(self):
        self.ensure_one()
        return (
            self.env["siamo.job.progress"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id)], limit=1)
        )

    @api.depends_context("siamo_job_refresh")
    def _compute_siamo_job(self):
        for record in self:
            progress = record._siamo_job_record() if record.id else None
            record.siamo_job_state = progress.state if progress else False
            record.siamo_job_progress = (
                100 * progress.done // progress.total if progress and progress.total else 0
            )
            record.siamo_job_message = progress.message if progress else False

    def _siamo_job_write(self, **values):
        self.env["siamo.job.progress"].sudo()._write_apart(self.sudo(), values)

    def _siamo_job_queued(self, message, total=0):
        """Say the work is waiting for the job runner: written in the transaction that
        enqueues the jobs, so that it is committed with them or undone with them (a request
        retried after a conflict finds no work announced that never was)."""
        self.env["siamo.job.progress"].sudo()._write_here(
            self.sudo(), {"state": "queued", "total": total, "message": message}
        )

    def _siamo_job_busy(self):
        """Whether some of these records have work queued or running."""
        progress = (
            self.env["siamo.job.progress"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("state", "in", ("queued", "running")),
                ]
            )
        )
        return bool(progress)

    def _siamo_job_step(self, done, total, message=None):
        """Say how far the work is, committed at once for the user to see."""
        self._siamo_job_write(state="running", done=done, total=total, message=message)

    def _siamo_job_advance(self, done, message=None):
        """Add ``done`` to how far the work is: for jobs that run side by side, each doing a
        part of the ``total`` given when the work was queued. Committed at once."""
        self.env["siamo.job.progress"].sudo()._advance_apart(self.sudo(), done, message)

    def _siamo_job_part(self, work, *args, **kwargs):
        """Run ``work`` (a method name of these records) as one job of several: on failure
        what it wrote is undone (its savepoint, then the job's transaction) and the record
        says why, in the user's language; on success the work is not over yet (the last job
        says it is done)."""
        try:
            with self.env.cr.savepoint():
                return getattr(self, work)(*args, **kwargs)
        except Exception as error:
            if not _retried(error):
                self._siamo_job_failed(error)
            raise

    def _siamo_job_failed(self, error):
        """Say the work failed, and why, in the user's language."""
        message = getattr(error, "args", [None])[0] if error.args else str(error)
        self._siamo_job_write(
            state="failed",
            message=self.env._("Failed: %(reason)s", reason=message or type(error).__name__),
        )

    def _siamo_job_run(self, work, *args, done_message=None, **kwargs):
        """Run ``work`` (a method name of these records) as the job's body: on failure the
        record says why, in the user's language, and the job's transaction is undone."""
        result = self._siamo_job_part(work, *args, **kwargs)
        self._siamo_job_write(state="done", done=1, total=1, message=done_message)
        return result

    def _siamo_job_notify(self, kind, title, message, apart=False):
        """Tell the user who made the record how its job ended (``kind``: success, danger).
        ``apart``: in a transaction of its own, for a job whose transaction is being undone."""
        if not apart:
            self.create_uid._bus_send(
                "simple_notification",
                {"type": kind, "sticky": kind == "danger", "title": title, "message": message},
            )
            return
        with self.env.registry.cursor() as cr:
            self.with_env(self.env(cr=cr))._siamo_job_notify(kind, title, message)

    @staticmethod
    def _siamo_job_reason(error):
        """Why a job failed, as the user reads it."""
        return str(error.args[0]) if error.args else type(error).__name__

    def _siamo_job_busy_ids(self):
        """The ids of this model's records whose work is queued or running."""
        return (
            self.env["siamo.job.progress"]
            .sudo()
            .search([("res_model", "=", self._name), ("state", "in", ("queued", "running"))])
            .mapped("res_id")
        )

    def _siamo_job_vacuum(self, seconds):
        """What a wizard's ``_transient_clean_rows_older_than`` calls (TransientModel comes
        before this mixin in a wizard's bases): a wizard whose job is queued or running
        outlives the vacuum, for the job reads it when it starts and writes its result on it
        when it ends, however long the queue. Returns whether it cleaned the rows itself."""
        busy = self._siamo_job_busy_ids()
        if not busy:
            return False
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE %s < (now() AT TIME ZONE 'UTC') - interval %s "
                "AND id NOT IN %s LIMIT %s",
                SQL.identifier(self._table),
                SQL("COALESCE(write_date, create_date, (now() AT TIME ZONE 'UTC'))::timestamp"),
                f"{max(seconds, 300)} seconds",
                tuple(busy),
                GC_UNLINK_LIMIT,
            )
        )
        self.sudo().browse([row[0] for row in self.env.cr.fetchall()]).unlink()
        return True
