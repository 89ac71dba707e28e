from decimal import Decimal

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_insert
from odoo.addons.siamo_referentiel.tools.fields import Many2oneUnchecked
from odoo.tools import SQL
from odoo.tools.sql import create_index

from siamo_core.icamo.indicators import (
    Norm,
    indicators,
    monthly_totals,
    months_back,
    return_due_date,
    twelve_months_flows,
)
from siamo_core.icamo.returns import period_text
from siamo_core.icamo.scorecard import scorecard

INDICATOR_LABELS = [
    ("claims_ratio", "Claims Ratio (%)"),
    ("benefit_ratio", "Benefits over Contributions (%)"),
    ("collection_rate", "Collection Rate (%)"),
    ("management_cost_ratio", "Management Costs over Contributions (%)"),
    ("reserve_ratio", "Reserves over a Year of Benefits (%)"),
    ("cash_months", "Cash in Months of Benefits"),
    ("cost_per_beneficiary", "Cost per Beneficiary (FCFA)"),
    ("beneficiaries_per_worker", "Beneficiaries per Worker"),
    ("payment_delay_days", "Payment Delay to Providers (days)"),
    ("refusal_rate", "Refusal Rate (%)"),
]
STATUSES = [
    ("ok", "Within Norms"),
    ("watch", "To Watch"),
    ("breach", "Norm Breached"),
    ("unknown", "Unknown"),
]


INDICATOR_FIELDS = (
    "company_id",
    "period",
    "scope",
    "ipm_id",
    "region_id",
    "indicator",
    "value",
    "reference",
    "norm",
    "status",
)


class SiamoIcamoIndicator(models.Model):
    """An indicator of a month, for an IPM, a région or the whole AMO, computed from the
    current returns; refreshed in the background whenever a return of the month arrives."""

    _name = "siamo.icamo.indicator"
    _description = "AMO Indicator"
    _order = "period desc, scope, ipm_id, region_id, indicator"
    _log_access = False

    # a refresh rewrites three years of indicators at once: one index, the month's, and no
    # foreign key (PostgreSQL would check and lock the row referred to for each indicator):
    # no one may delete a followed IPM, and each refresh rewrites its months whole
    company_id = Many2oneUnchecked("res.company", string="Regulator", required=True)
    period = fields.Date(string="Month", required=True)
    scope = fields.Selection(
        [("ipm", "IPM"), ("region", "Region"), ("national", "National")], required=True
    )
    ipm_id = Many2oneUnchecked("siamo.icamo.ipm", string="IPM")
    region_id = Many2oneUnchecked("siamo.region")
    period_label = fields.Char(string="Period", compute="_compute_period_label")
    indicator = fields.Selection(INDICATOR_LABELS, required=True)
    value = fields.Float(digits=(16, 2), aggregator="avg")
    reference = fields.Float(string="National Value", digits=(16, 2), aggregator="avg")
    norm = fields.Float(digits=(16, 2), aggregator="avg")
    status = fields.Selection(STATUSES, required=True, default="unknown")

    @api.depends("period")
    def _compute_period_label(self):
        for record in self:
            record.period_label = period_text(record.period) if record.period else False

    def init(self):
        create_index(
            self.env.cr, "siamo_icamo_indicator_month_index", self._table, ["company_id", "period"]
        )

    @api.model
    def _refresh_later(self, company, period):
        """Refresh the month's indicators in a background job (one per regulator and month:
        a second return of the month waits for the same job)."""
        self.with_delay(
            description=self.env._("Indicators of %(month)s", month=period.strftime("%Y-%m")),
            identity_key=f"siamo-icamo-indicators-{company.id}-{period}",
        )._refresh(company, [period])

    @api.model
    def _refresh_all(self, company):
        """Compute again the indicators of every month a current return covers."""
        self.env.flush_all()
        months = self.env.execute_query(
            SQL(
                """SELECT DISTINCT period FROM siamo_icamo_return
                    WHERE company_id = %s AND state = 'current'""",
                company.id,
            )
        )
        return self._refresh(company, [month for (month,) in months])

    @api.model
    def _refresh(self, company, periods):
        """Compute again every indicator of the months ``periods`` (their first days) from
        the current returns, and raise the alerts of the norms they break. The warehouse's
        figures are summed once, by PostgreSQL, for all the months and the year before each;
        each scope's months are then added up once."""
        periods = sorted(set(periods))
        needed = sorted({month for period in periods for month in months_back(period, 12)})
        cells = self.env["siamo.icamo.cell"]._figures(company, needed)
        scopes = monthly_totals(cells)
        regions = {region.code: region.id for region in self.env["siamo.region"].search([])}
        norms = {period: self._norms_on(period) for period in periods}
        values = []
        for period in periods:
            values += self._month_values(company, period, scopes, regions, norms[period])
        self._replace(company, periods, values)
        self.env["siamo.icamo.alert"]._raise_norm_alerts(company, values, norms)
        return len(values)

    def _month_values(self, company, period, scopes, regions, norms):
        """The rows of the indicators of one month (:data:`INDICATOR_FIELDS` order)."""
        computed = {
            scope: indicators(months[period], twelve_months_flows(months, period))
            for scope, months in scopes.items()
            if period in months and (scope[0] != "region" or scope[1] in regions)
        }
        national = computed.get(("national", None), {})
        return [
            row
            for (kind, key), values in computed.items()
            for row in self._values_of(
                company,
                period,
                (kind, regions[key] if kind == "region" else key),
                values,
                national,
                norms,
            )
        ]

    def _replace(self, company, periods, values):
        """The months' indicators replaced by ``values``, with one COPY."""
        # sudo: the indicators are the warehouse's to compute, no one writes them by hand
        computed = self.sudo()
        computed.flush_model()
        self.env.execute_query(
            SQL(
                "DELETE FROM siamo_icamo_indicator WHERE company_id = %s AND period = ANY(%s)",
                company.id,
                periods,
            )
        )
        bulk_insert(computed, INDICATOR_FIELDS, values)

    @api.model
    def _norms_on(self, period):
        """The management norms in force at the month's end, as the core reads them."""
        norms = self.env["siamo.management.norm"].search(
            [("date_from", "<=", return_due_date(period, 0))], order="date_from desc"
        )
        latest = {}
        for norm in norms:
            latest.setdefault(norm.code, norm)
        return tuple(
            Norm(code, norm.bound, Decimal(str(norm.value))) for code, norm in latest.items()
        )

    @staticmethod
    def _values_of(company, period, scope, values, reference, norms):
        kind, target = scope
        ipm_id = target if kind == "ipm" else None
        region_id = target if kind == "region" else None
        lines = scorecard(values, {} if kind == "national" else reference, norms)
        return [
            (
                company.id,
                period,
                kind,
                ipm_id,
                region_id,
                indicator,
                None if value is None else float(value),
                None if line_reference is None else float(line_reference),
                None if norm is None else float(norm),
                status,
            )
            for indicator, value, line_reference, norm, status in lines
        ]
