"""18.0.2.0.1 makes settling a large batch cheaper for PostgreSQL: the results no longer have
a foreign key to their sheet line (the line deletes them), and the care sheets lose the
indexes no search needs (paid to, channel, medical control) or keep those of the few sheets
that have a value (authorization, deduction statement, provider's sheet id). Odoo creates
the new partial indexes after this script; it drops neither a constraint nor an index it no
longer expects, hence this script. The results also name their batch, the batch of their
sheet: filled here, so that Odoo finds the new required column full."""

DROPPED_INDEXES = (
    "siamo_fse__payee_index",
    "siamo_fse__channel_index",
    "siamo_fse__control_state_index",
    "siamo_fse__authorization_id_index",
    "siamo_fse__copayment_statement_id_index",
    "siamo_fse__provider_sheet_id_index",
)
RESULT_LINE_KEY = "siamo_settlement_line_fse_line_id_fkey"


def migrate(cr, version):
    if not version:
        return
    for index in DROPPED_INDEXES:
        cr.execute(f'DROP INDEX IF EXISTS "{index}"')
    cr.execute(f'ALTER TABLE siamo_settlement_line DROP CONSTRAINT IF EXISTS "{RESULT_LINE_KEY}"')
    cr.execute("DELETE FROM ir_model_constraint WHERE name = %s AND type = 'f'", [RESULT_LINE_KEY])
    cr.execute("ALTER TABLE siamo_settlement_line ADD COLUMN IF NOT EXISTS batch_id integer")
    cr.execute(
        """UPDATE siamo_settlement_line r
              SET batch_id = f.settlement_batch_id
             FROM siamo_fse_line l, siamo_fse f
            WHERE l.id = r.fse_line_id AND f.id = l.fse_id AND r.batch_id IS NULL"""
    )
