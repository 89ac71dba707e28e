from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_insert
from odoo.addons.siamo_referentiel.tools.fields import BigInteger
from odoo.tools import SQL
from odoo.tools.sql import create_index

from .siamo_icamo_fact import MEASURE_LABELS

CELL_FIELDS = (
    "return_id",
    "company_id",
    "ipm_id",
    "period",
    "region",
    "measure",
    "value",
    "known_from",
)


class SiamoIcamoCell(models.Model):
    """A return's figures by région and measure, its facts summed over categories, sexes and
    age bands: what the indicators and reports read. Written with the facts and superseded
    with them, so that a refresh reads a few dozen rows per return instead of every fact."""

    _name = "siamo.icamo.cell"
    _description = "Warehouse Cell"
    _order = "period desc, ipm_id, measure"
    _log_access = False

    return_id = fields.Many2one("siamo.icamo.return", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Regulator", required=True)
    ipm_id = fields.Many2one("siamo.icamo.ipm", string="IPM", required=True)
    period = fields.Date(string="Month", required=True)
    region = fields.Char(help="ISO 3166-2 code of the region; empty for the IPM as a whole.")
    measure = fields.Selection(MEASURE_LABELS, required=True)
    value = BigInteger(required=True, aggregator="sum")
    known_from = fields.Datetime(required=True)
    known_until = fields.Datetime(help="When a correction superseded it; empty while current.")

    def init(self):
        create_index(
            self.env.cr, "siamo_icamo_cell_month_index", self._table, ["company_id", "period"]
        )

    @api.model
    def _store(self, statement, facts):
        """The cells of ``statement`` (a return just received) from its ``facts``: one COPY."""
        sums = defaultdict(int)
        for fact in facts:
            sums[fact.region, fact.measure] += fact.value
        head = (statement.id, statement.company_id.id, statement.ipm_id.id, statement.period)
        # sudo: the warehouse writes its cells, no one keys them
        bulk_insert(
            self.sudo(),
            CELL_FIELDS,
            (
                (*head, region, measure, value, statement.received_at)
                for (region, measure), value in sums.items()
            ),
        )

    @api.model
    def _figures(self, company, periods, moment=None):
        """``[(ipm id, month, region, measure, value)]`` for the months ``periods`` as known
        at ``moment`` (now when not given), ``region`` empty for the IPM as a whole."""
        self.check_access("read")
        self.env.flush_all()
        known = (
            SQL("known_until IS NULL")
            if moment is None
            else SQL(
                "known_from <= %s AND (known_until IS NULL OR known_until > %s)", moment, moment
            )
        )
        return self.env.execute_query(
            SQL(
                """SELECT ipm_id, period, COALESCE(region, ''), measure, SUM(value)
                     FROM siamo_icamo_cell
                    WHERE company_id = %s AND period = ANY(%s) AND %s
                 GROUP BY 1, 2, 3, 4""",
                company.id,
                list(periods),
                known,
            )
        )
