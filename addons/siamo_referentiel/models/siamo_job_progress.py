from odoo import api, fields, models

STATES = [
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]


class SiamoJobProgress(models.Model):
    """Where a background job of a business record stands. Kept apart from the record and
    written in a cursor of its own, so that the user sees the progress while the job's
    transaction is still open, and the job never waits on a lock the user holds."""

    _name = "siamo.job.progress"
    _description = "Background Job Progress"
    _order = "id desc"

    res_model = fields.Char(required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True, index=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    state = fields.Selection(STATES, required=True, default="queued", readonly=True)
    done = fields.Integer(readonly=True)
    total = fields.Integer(readonly=True)
    message = fields.Char(readonly=True)

    _sql_constraints = [
        ("record_unique", "unique(res_model, res_id)", "A record has one job progress."),
    ]

    @api.model
    def _write_apart(self, records, values):
        """Upsert the progress of ``records`` in a transaction of its own, committed at once."""
        with self.env.registry.cursor() as cr:
            self._upsert(cr, records, values)
        self.invalidate_model()

    @api.model
    def _write_here(self, records, values):
        """Upsert the progress of ``records`` in the current transaction: the queued state is
        committed with the jobs it announces, or undone with them."""
        self.env.flush_all()
        self._upsert(self.env.cr, records, values)
        self.invalidate_model()

    @api.model
    def _advance_apart(self, records, done, message=None):
        """Add ``done`` to the progress of ``records`` (jobs running side by side each add their
        own part), committed at once; a failed or finished work stays as it is."""
        with self.env.registry.cursor() as cr:
            cr.execute(
                """
                UPDATE siamo_job_progress
                   SET state = 'running', done = LEAST(done + %(done)s, total),
                       message = COALESCE(%(message)s, message), write_uid = %(uid)s,
                       write_date = now() at time zone 'UTC'
                 WHERE res_model = %(model)s AND res_id = ANY(%(ids)s)
                   AND state IN ('queued', 'running')
                """,
                {
                    "done": done,
                    "message": message,
                    "uid": self.env.uid,
                    "model": records._name,
                    "ids": records.ids,
                },
            )
        self.invalidate_model()

    @api.model
    def _upsert(self, cr, records, values):
        for record in records:
            company = record.company_id.id if "company_id" in record._fields else None
            cr.execute(
                """
                INSERT INTO siamo_job_progress
                    (res_model, res_id, company_id, state, done, total, message,
                     create_uid, write_uid, create_date, write_date)
                VALUES (%(model)s, %(id)s, %(company)s, %(state)s, %(done)s, %(total)s, %(message)s,
                        %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC')
                ON CONFLICT (res_model, res_id) DO UPDATE SET
                    state = EXCLUDED.state, done = EXCLUDED.done, total = EXCLUDED.total,
                    message = EXCLUDED.message, write_uid = EXCLUDED.write_uid,
                    write_date = EXCLUDED.write_date
                """,
                {
                    "model": records._name,
                    "id": record.id,
                    "company": company or None,
                    "uid": self.env.uid,
                    "state": values.get("state", "running"),
                    "done": values.get("done", 0),
                    "total": values.get("total", 0),
                    "message": values.get("message"),
                },
            )
