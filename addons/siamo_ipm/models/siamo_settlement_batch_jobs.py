"""Settling a large batch in the background: OCA ``queue_job`` jobs, one per chunk of
families, side by side (each settles its families' sheets and samples them for the medical
control), then a last job that says the batch is settled.

Nothing is half-written: a chunk's job writes the results of all its sheets or, failing, none
(its transaction is undone), and it replaces the results an earlier run left for them, so a
chunk run twice writes the same. The batch goes back to draft when its jobs are queued and is
settled only by the last job, once every chunk is: until then it cannot be validated. When a
job fails the batch says why ("Failed: ..."), stays in draft, and Settle runs it all again."""

from odoo import models
from odoo.addons.queue_job.delay import chain, group
from odoo.exceptions import UserError
from odoo.tools import SQL

JOB_METHODS = ("_settle_job_chunk", "_settle_job_finish")


class SiamoSettlementBatch(models.Model):
    # the batch is split by what its methods do: what it reads, settling, jobs, the bill
    _inherit = "siamo.settlement.batch"  # pylint: disable=consider-merging-classes-inherited

    # a batch of more sheets settles in background jobs (system parameter
    # siamo_ipm.settlement_job_threshold); a smaller one at once, in the user's request
    _settlement_job_threshold = 2_000
    # the sheets of one job, whole families (system parameter siamo_ipm.settlement_job_sheets)
    _settlement_job_sheets = 10_000

    def _settlement_parameter(self, name, default):
        value = self.env["ir.config_parameter"].sudo().get_param(f"siamo_ipm.{name}")
        return int(value) if value else default

    def _check_not_busy(self):
        for batch in self:
            if batch._siamo_job_busy():
                raise UserError(
                    self.env._(
                        "The batch %(name)s is being settled in the background: wait until it "
                        "is done (its form shows how far it is).",
                        name=batch.name,
                    )
                )

    def _settle(self):
        """Settle the batch at once, or in background jobs when it is large."""
        families = self._settlement_families()
        threshold = self._settlement_parameter(
            "settlement_job_threshold", self._settlement_job_threshold
        )
        if sum(count for _family, count in families) > threshold:
            self._settle_in_background(families)
        else:
            self._settle_now()

    def _settlement_families(self):
        """``[(participant id, sheets)]``: the families whose sheets this run settles."""
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """SELECT COALESCE(b.participant_id, b.id), COUNT(*)
                     FROM siamo_fse f
                     JOIN siamo_beneficiary b ON b.id = f.beneficiary_id
                    WHERE f.id IN %s
                 GROUP BY 1
                 ORDER BY 1""",
                self._sheets_to_settle().subselect(),
            )
        )

    def _settlement_chunks(self, families):
        """The families of ``families`` packed into chunks of about as many sheets as a job
        settles; a family is never split (its ceilings, frequencies and duplicates read its
        earlier sheets)."""
        limit = self._settlement_parameter("settlement_job_sheets", self._settlement_job_sheets)
        chunks, chunk, size = [], [], 0
        for family, count in families:
            if chunk and size + count > limit:
                chunks.append(chunk)
                chunk, size = [], 0
            chunk.append(family)
            size += count
        return [*chunks, chunk] if chunk else chunks

    def _settle_in_background(self, families):
        """Queue a job per chunk of families, side by side, then the last one."""
        chunks = self._settlement_chunks(families)
        total = sum(count for _family, count in families)
        self._cancel_settlement_leftovers()
        self._siamo_protected().state = "draft"
        self._siamo_job_queued(
            self.env._(
                "%(count)s sheets to settle in %(parts)s parts.", count=total, parts=len(chunks)
            ),
            total=total,
        )
        parts = [
            self.delayable(
                description=self.env._(
                    "Settle %(batch)s, part %(part)s of %(parts)s",
                    batch=self.name,
                    part=index,
                    parts=len(chunks),
                )
            )._settle_job_chunk(chunk)
            for index, chunk in enumerate(chunks, start=1)
        ]
        last = self.delayable(
            description=self.env._("Settle %(batch)s: done", batch=self.name)
        )._settle_job_finish()
        chain(group(*parts), last).delay()

    def _cancel_settlement_leftovers(self):
        """The jobs an earlier, failed run of this batch left waiting: cancelled, this run
        does their work again."""
        # sudo: the jobs are the job runner's; these are the batch's own
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("model_name", "=", self._name),
                    ("method_name", "in", JOB_METHODS),
                    ("state", "in", ("wait_dependencies", "pending", "enqueued")),
                ]
            )
        )
        jobs.filtered(lambda job: self.id in job.records.ids).button_cancelled()

    # ------------------------------------------------------------------ the jobs

    def _settle_job_chunk(self, families):
        """Job: settle the sheets of ``families`` (participant ids)."""
        return self._siamo_job_part("_settle_chunk", families)

    def _settle_chunk(self, families):
        self._check_manager()
        self._check_not_validated()
        count = self._settle_sheets(self._sheets_to_settle(families))
        self._siamo_job_advance(count)
        return self.env._("%(count)s sheets settled.", count=count)

    def _settle_job_finish(self):
        """Job, once every chunk is settled: the batch is."""
        return self._siamo_job_run(
            "_settle_last",
            done_message=self.env._("Settled: %(count)s sheets.", count=self.fse_count),
        )

    def _settle_last(self):
        self._check_manager()
        self._check_not_validated()
        self._siamo_protected().state = "settled"
