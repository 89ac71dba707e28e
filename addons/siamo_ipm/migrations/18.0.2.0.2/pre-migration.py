"""18.0.2.0.2: a care sheet's batch has no foreign key any more (settling a batch writes it on
a hundred thousand sheets, and PostgreSQL checked the batch for each); a batch deleted lets
its sheets go itself. Odoo drops no constraint it no longer expects, hence this script."""

SHEET_BATCH_KEY = "siamo_fse_settlement_batch_id_fkey"


def migrate(cr, version):
    if not version:
        return
    cr.execute(f'ALTER TABLE siamo_fse DROP CONSTRAINT IF EXISTS "{SHEET_BATCH_KEY}"')
    cr.execute("DELETE FROM ir_model_constraint WHERE name = %s AND type = 'f'", [SHEET_BATCH_KEY])
