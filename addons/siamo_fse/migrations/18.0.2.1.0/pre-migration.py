"""18.0.2.1.0: a refused sheet no longer uses up its sheet id. The unique constraint on
(provider, sheet id) of every submission gives way to a unique index on the received ones
(siamo.fse.submission.init), so a refused sheet can come again under its id."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "ALTER TABLE siamo_fse_submission "
        "DROP CONSTRAINT IF EXISTS siamo_fse_submission_sheet_id_unique"
    )
    cr.execute(
        "DELETE FROM ir_model_data WHERE module = 'siamo_fse' "
        "AND name = 'constraint_siamo_fse_submission_sheet_id_unique'"
    )
    cr.execute(
        "DELETE FROM ir_model_constraint WHERE name = 'siamo_fse_submission_sheet_id_unique'"
    )
