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
        res_model = records._name
        with self.env.registry.cursor() as cr:
            for record in records:
                res_id = record.id
                company = record.company_id.id if "company_id" in record._fields else None
                cr.execute(
                    """
                    INSERT INTO siamo_job_progress
                        (res_model, res_id, company_id, state, done, total, message,
                         create_uid, write_uid, create_date, write_date)
                    VALUES (%(model)s, %(id)s, %(company)s, %(state)s, %(done)s, %(total)s,
                            %(message)s,
                            %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC')
                    ON CONFLICT (res_model, res_id) DO UPDATE SET
                        state = EXCLUDED.state, done = EXCLUDED.done, total = EXCLUDED.total,
                        message = EXCLUDED.message, write_uid = EXCLUDED.write_uid,
                        write_date = EXCLUDED.write_date
                    """,
                    {
                        "model": res_model,
                        "id": res_id,
                        "company": company or None,
                        "uid": self.env.uid,
                        "state": values.get("state", "running"),
                        "done": values.get("done", 0),
                        "total": values.get("total", 0),
                        "message": values.get("message"),
                    },
                )
        self.invalidate_model()
