from odoo import api, fields, models

from siamo_core.icamo.indicators import INDICATORS, months_back
from siamo_core.icamo.returns import period_text

# the indicators the dashboard shows, in its order: those the management norms watch and
# those the analysts compare the IPMs on
DASHBOARD_INDICATORS = (
    "claims_ratio",
    "benefit_ratio",
    "collection_rate",
    "management_cost_ratio",
    "reserve_ratio",
    "cost_per_beneficiary",
    "payment_delay_days",
    "refusal_rate",
)
# drawn over time on one axis: percentages of comparable size
TREND_INDICATORS = ("claims_ratio", "collection_rate", "management_cost_ratio", "refusal_rate")
ALERTS_SHOWN = 8


class SiamoIcamoIndicator(models.Model):
    _inherit = "siamo.icamo.indicator"

    @api.model
    def dashboard_data(self, period=None, region_id=None):
        """Everything ICAMO's dashboard page shows, in one call: the key indicators of the
        month (``period``, an ISO date; the latest month by default) for the nation or the
        ``region_id`` against the norms, the IPMs' and the régions' indicators with their
        status, twelve months of trend, and the open alerts. Read from the indicators
        already computed (grouped by PostgreSQL) and the alerts, under the user's rights."""
        self.check_access("read")
        self.env["siamo.icamo.alert"].check_access("read")
        company = self.env.company
        periods = self._dashboard_periods(company)
        period = fields.Date.to_date(period) if period else (periods[0] if periods else None)
        region = self.env["siamo.region"].browse(int(region_id)) if region_id else None
        data = {
            "period": fields.Date.to_string(period) if period else False,
            "periods": [
                {"value": fields.Date.to_string(month), "label": period_text(month)}
                for month in periods
            ],
            "region_id": region.id if region else False,
            "regions": self._dashboard_regions(company),
            "indicators": self._dashboard_indicators(),
        }
        if not period:
            return {**data, "headline": {}, "ipms": [], "by_region": [], "trend": {}, "alerts": {}}
        return {
            **data,
            "headline": self._dashboard_headline(company, period, region),
            "ipms": self._dashboard_ipms(company, period, region),
            "by_region": self._dashboard_by_region(company, period, region),
            "trend": self._dashboard_trend(company, period, region),
            "alerts": self._dashboard_alerts(company, period, region),
        }

    def _dashboard_periods(self, company):
        """The months that have indicators, latest first."""
        groups = self._read_group([("company_id", "=", company.id)], ["period:day"])
        return sorted((month for (month,) in groups), reverse=True)

    def _dashboard_regions(self, company):
        groups = self._read_group(
            [("company_id", "=", company.id), ("scope", "=", "region")], ["region_id"]
        )
        regions = self.env["siamo.region"].union(*(region for (region,) in groups))
        return [{"id": region.id, "name": region.name} for region in regions.sorted("name")]

    def _dashboard_indicators(self):
        labels = dict(self._fields["indicator"]._description_selection(self.env))
        return [
            {"code": code, "label": labels[code], "unit": INDICATORS[code][0]}
            for code in DASHBOARD_INDICATORS
        ]

    def _dashboard_cells(self, domain, key):
        """``{key: {indicator: {"value", "status"}}}`` of the indicators of ``domain``,
        ``key`` the field that tells the rows apart (one row per key and indicator)."""
        groups = self._read_group(
            [*domain, ("indicator", "in", DASHBOARD_INDICATORS)],
            [key, "indicator", "status"],
            ["value:sum"],
        )
        cells = {}
        for target, indicator, status, value in groups:
            cells.setdefault(target, {})[indicator] = {
                "value": None if status == "unknown" else value,
                "status": status,
            }
        return cells

    def _dashboard_headline(self, company, period, region):
        """The nation's (or the région's) key indicators of the month beside their norms."""
        scope = [("scope", "=", "region"), ("region_id", "=", region.id)] if region else []
        domain = [("company_id", "=", company.id), ("period", "=", period)]
        cells = self._dashboard_cells(domain + (scope or [("scope", "=", "national")]), "scope")
        values = next(iter(cells.values()), {})
        norms = {norm.code: norm for norm in self._norms_on(period)}
        headline = {}
        for code in DASHBOARD_INDICATORS:
            cell = values.get(code, {"value": None, "status": "unknown"})
            norm = norms.get(code)
            headline[code] = {
                **cell,
                "norm": float(norm.value) if norm else None,
                "bound": norm.bound if norm else None,
            }
        return headline

    def _dashboard_ipms(self, company, period, region):
        """The IPMs' rows (of the région's IPMs when one is chosen), those breaking the most
        norms first."""
        domain = [("company_id", "=", company.id), ("period", "=", period), ("scope", "=", "ipm")]
        if region:
            domain.append(("ipm_id", "in", self._dashboard_region_ipms(region)))
        cells = self._dashboard_cells(domain, "ipm_id")
        rows = [
            {
                "id": ipm.id,
                "name": ipm.name,
                "code": ipm.code,
                "values": values,
                "breaches": sum(cell["status"] == "breach" for cell in values.values()),
            }
            for ipm, values in cells.items()
        ]
        return sorted(rows, key=lambda row: (-row["breaches"], row["code"]))

    def _dashboard_region_ipms(self, region):
        """The ids of the IPMs based in ``region``, read once: as a subquery of each of the
        page's queries, PostgreSQL misjudges how many rows it keeps."""
        return self.env["siamo.icamo.ipm"].search([("region_id", "=", region.id)]).ids

    def _dashboard_by_region(self, company, period, region):
        domain = [("company_id", "=", company.id), ("period", "=", period)]
        domain.append(("scope", "=", "region"))
        if region:
            domain.append(("region_id", "=", region.id))
        cells = self._dashboard_cells(domain, "region_id")
        rows = [
            {"id": target.id, "name": target.name, "values": values}
            for target, values in cells.items()
        ]
        return sorted(rows, key=lambda row: row["name"])

    def _dashboard_trend(self, company, period, region):
        """The twelve months up to ``period`` of the trend's indicators, oldest first."""
        months = sorted(months_back(period, 12))
        scope = [("scope", "=", "region"), ("region_id", "=", region.id)] if region else []
        groups = self._read_group(
            [
                ("company_id", "=", company.id),
                ("period", "in", months),
                ("indicator", "in", TREND_INDICATORS),
                ("status", "!=", "unknown"),
                *(scope or [("scope", "=", "national")]),
            ],
            ["period:day", "indicator"],
            ["value:sum"],
        )
        values = {(month, indicator): value for month, indicator, value in groups}
        labels = dict(self._fields["indicator"]._description_selection(self.env))
        return {
            "months": [fields.Date.to_string(month) for month in months],
            "series": [
                {
                    "code": code,
                    "label": labels[code],
                    "values": [values.get((month, code)) for month in months],
                }
                for code in TREND_INDICATORS
            ],
        }

    def _dashboard_alerts(self, company, period, region):
        """The open alerts up to the month: how many of each kind, and the latest of each."""
        alerts = self.env["siamo.icamo.alert"]
        domain = [("company_id", "=", company.id), ("state", "=", "open"), ("period", "<=", period)]
        if region:
            domain.append(("ipm_id", "in", self._dashboard_region_ipms(region)))
        counts = dict(alerts._read_group(domain, ["kind"], ["__count"]))
        result = {}
        for kind in ("norm", "late"):
            latest = alerts.search(
                [*domain, ("kind", "=", kind)], order="period desc, id desc", limit=ALERTS_SHOWN
            )
            result[kind] = {
                "count": counts.get(kind, 0),
                "latest": [
                    {
                        "id": alert.id,
                        "ipm": alert.ipm_id.name,
                        "period": period_text(alert.period),
                        "message": alert.message,
                    }
                    for alert in latest
                ],
            }
        return result
