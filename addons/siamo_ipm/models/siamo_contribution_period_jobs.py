"""Computing and invoicing a large contribution period in the background: OCA ``queue_job``
jobs, one per chunk of member companies, one after the other, then a last job that moves the
period's state.

Nothing is half-written: a chunk's job writes the lines (or the invoices) of all its member
companies or, failing, none (its transaction is undone). A chunk run twice writes the same:
computing a member company again replaces its lines, invoicing skips the member companies
invoiced already. When a job fails the period says why ("Failed: ..."), the jobs after it
never run, and Compute or Invoice runs the rest again."""

from psycopg2 import OperationalError

from odoo import models
from odoo.addons.queue_job.delay import chain
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

JOB_METHODS = (
    "_compute_job_chunk",
    "_compute_job_finish",
    "_invoice_job_chunk",
    "_invoice_job_finish",
)
WAITING_JOBS = ("wait_dependencies", "pending", "enqueued")


def _retried(error):
    """Whether the job runner tries the job again after ``error`` (a conflict with another
    transaction): not a failure the user must act on."""
    if isinstance(error, RetryableJobError):
        return True
    return isinstance(error, OperationalError) and error.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY


class SiamoContributionPeriod(models.Model):
    # the period is split by what its methods do: computing and invoicing, their jobs
    _inherit = "siamo.contribution.period"  # pylint: disable=consider-merging-classes-inherited

    # a period of more member companies is computed and invoiced in background jobs
    _background_threshold = 50
    # the member companies of one job
    _background_chunk = 50

    def _runs_in_background(self, memberships):
        return len(memberships) > self._background_threshold

    def _check_not_busy(self):
        if self._siamo_job_busy():
            raise UserError(
                self.env._(
                    "%(period)s is being computed or invoiced in the background: wait until "
                    "it is done (its form shows how far it is).",
                    period=self.name,
                )
            )

    # ------------------------------------------------------------------ queueing

    def _compute_in_background(self, memberships):
        """Queue the computation of ``memberships``' lines, a chunk a job, then the last job
        that drops the lines of member companies gone since an earlier computation."""
        self._siamo_protected().state = "draft"
        self._queue_chunks(
            memberships,
            ("_compute_job_chunk", "_compute_job_finish"),
            self.env._(
                "Computing %(count)s member companies in %(parts)s parts.",
                count=len(memberships),
                parts=len(self._chunks(memberships)),
            ),
            lambda part, parts: self.env._(
                "Compute %(period)s, part %(part)s of %(parts)s",
                period=self.name,
                part=part,
                parts=parts,
            ),
        )

    def _invoice_in_background(self, memberships):
        """Queue the invoices of ``memberships``, a chunk a job, then the last job."""
        self._queue_chunks(
            memberships,
            ("_invoice_job_chunk", "_invoice_job_finish"),
            self.env._(
                "Invoicing %(count)s member companies in %(parts)s parts.",
                count=len(memberships),
                parts=len(self._chunks(memberships)),
            ),
            lambda part, parts: self.env._(
                "Invoice %(period)s, part %(part)s of %(parts)s",
                period=self.name,
                part=part,
                parts=parts,
            ),
        )

    def _chunks(self, memberships):
        size = self._background_chunk
        return [memberships[start : start + size].ids for start in range(0, len(memberships), size)]

    def _queue_chunks(self, memberships, methods, message, describe):
        """A job per chunk of ``memberships``, one after the other, then the last job (the
        two ``methods``): the progress counts member companies."""
        chunk_method, finish_method = methods
        chunks = self._chunks(memberships)
        self._cancel_leftover_jobs()
        self._siamo_job_queued(message)
        jobs, done = [], 0
        for part, chunk in enumerate(chunks, start=1):
            done += len(chunk)
            delayable = self.delayable(description=describe(part, len(chunks)))
            jobs.append(getattr(delayable, chunk_method)(chunk, done, len(memberships)))
        last = self.delayable(
            description=self.env._("Close the work on %(period)s", period=self.name)
        )
        jobs.append(getattr(last, finish_method)(memberships.ids))
        chain(*jobs).delay()

    def _forget_failure(self):
        """Once the work is done at once, a failure of an earlier background run is past."""
        self.invalidate_recordset(["siamo_job_state"])
        if self.siamo_job_state == "failed":
            self._siamo_job_write(state="done", done=1, total=1, message=self.env._("Done."))

    def _cancel_leftover_jobs(self):
        """The jobs an earlier, failed run of this period left waiting: cancelled, this run
        does their work again."""
        # sudo: the jobs are the job runner's; these are the period's own
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("model_name", "=", self._name),
                    ("method_name", "in", JOB_METHODS),
                    ("state", "in", WAITING_JOBS),
                ]
            )
        )
        jobs.filtered(lambda job: self.id in job.records.ids).button_cancelled()

    # ------------------------------------------------------------------ the jobs

    def _job_part(self, work, *args):
        """Run ``work`` as one job of several: on failure what it wrote is undone and the
        period says why; the work is over only when the last job says so."""
        try:
            with self.env.cr.savepoint():
                return getattr(self, work)(*args)
        except Exception as error:
            if not _retried(error):
                reason = error.args[0] if error.args else type(error).__name__
                self._siamo_job_write(
                    state="failed", message=self.env._("Failed: %(reason)s", reason=reason)
                )
            raise

    def _compute_job_chunk(self, membership_ids, done, total):
        """Job: compute the lines of the member companies ``membership_ids``."""
        return self._job_part("_compute_chunk", membership_ids, done, total)

    def _compute_chunk(self, membership_ids, done, total):
        self._check_can_compute_part()
        memberships = self.env["siamo.membership"].browse(membership_ids)
        lines = self.env["siamo.contribution.line"].search(
            [("period_id", "=", self.id), ("membership_id", "in", membership_ids)]
        )
        lines._siamo_protected().unlink()
        self._write_lines(memberships)
        message = self.env._(
            "%(done)s of %(total)s member companies computed.", done=done, total=total
        )
        self._siamo_job_step(done, total, message)
        return message

    def _check_can_compute_part(self):
        self.check_access("write")
        if self.state == "invoiced" or self.move_ids:
            raise UserError(self.env._("%(period)s is invoiced already.", period=self.name))

    def _compute_job_finish(self, membership_ids):
        """Job, once every chunk is computed: drop the lines of member companies no longer
        there, the period is computed."""
        return self._siamo_job_run(
            "_compute_finish",
            membership_ids,
            done_message=self.env._(
                "Computed: %(count)s member companies.", count=len(membership_ids)
            ),
        )

    def _compute_finish(self, membership_ids):
        self._check_can_compute_part()
        gone = self.env["siamo.contribution.line"].search(
            [("period_id", "=", self.id), ("membership_id", "not in", membership_ids)]
        )
        gone._siamo_protected().unlink()
        self._siamo_protected().state = "computed"

    def _invoice_job_chunk(self, membership_ids, done, total):
        """Job: invoice the member companies ``membership_ids`` not invoiced yet."""
        return self._job_part("_invoice_chunk", membership_ids, done, total)

    def _invoice_chunk(self, membership_ids, done, total):
        self._check_can_invoice_part()
        moves = self._invoice_memberships(self.env["siamo.membership"].browse(membership_ids))
        message = self.env._(
            "%(done)s of %(total)s member companies invoiced.", done=done, total=total
        )
        self._siamo_job_step(done, total, message)
        return self.env._("%(count)s invoices posted.", count=len(moves))

    def _check_can_invoice_part(self):
        self.check_access("write")
        self.env["account.move"].check_access("create")
        if self.state != "computed":
            raise UserError(self.env._("Compute %(period)s before invoicing it.", period=self.name))

    def _invoice_job_finish(self, membership_ids):
        """Job, once every chunk is invoiced: the period is invoiced."""
        return self._siamo_job_run(
            "_invoice_finish",
            done_message=self.env._(
                "Invoiced: %(count)s member companies.", count=len(membership_ids)
            ),
        )

    def _invoice_finish(self):
        self._check_can_invoice_part()
        if self._lines_to_invoice():
            raise UserError(
                self.env._(
                    "Some member companies of %(period)s are not invoiced yet: invoice it again.",
                    period=self.name,
                )
            )
        self._siamo_protected().state = "invoiced"
