"""18.0.2.3.0: the indicators read the warehouse's cells, the facts of each return summed by
région and measure; the returns already taken get theirs, with the facts' known dates."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """INSERT INTO siamo_icamo_cell
                  (return_id, company_id, ipm_id, period, region, measure, value,
                   known_from, known_until)
           SELECT return_id, company_id, ipm_id, period, region, measure, SUM(value),
                  MIN(known_from), MIN(known_until)
             FROM siamo_icamo_fact
            WHERE NOT EXISTS (SELECT 1 FROM siamo_icamo_cell cell
                               WHERE cell.return_id = siamo_icamo_fact.return_id)
         GROUP BY return_id, company_id, ipm_id, period, region, measure"""
    )
