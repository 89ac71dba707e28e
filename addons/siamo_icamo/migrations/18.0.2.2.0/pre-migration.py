"""18.0.2.2.0: the indicators have no foreign keys any more (a refresh writes tens of
thousands at once and PostgreSQL checked the regulator, the IPM and the région of each).
Odoo drops no constraint it no longer expects, hence this script."""

INDICATOR_KEYS = (
    "siamo_icamo_indicator_company_id_fkey",
    "siamo_icamo_indicator_ipm_id_fkey",
    "siamo_icamo_indicator_region_id_fkey",
)


def migrate(cr, version):
    if not version:
        return
    for key in INDICATOR_KEYS:
        cr.execute(f'ALTER TABLE siamo_icamo_indicator DROP CONSTRAINT IF EXISTS "{key}"')
    cr.execute(
        "DELETE FROM ir_model_constraint WHERE name = ANY(%s) AND type = 'f'",
        [list(INDICATOR_KEYS)],
    )
