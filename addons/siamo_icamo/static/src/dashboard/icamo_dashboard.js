import { Component, onWillStart, onWillUnmount, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat, formatInteger } from "@web/views/fields/formatters";

const { DateTime } = luxon;

const TREND_COLOURS = ["#017e84", "#714b67", "#e99d00", "#d23f3a"];
const INDICATOR_VIEWS = [
    [false, "list"],
    [false, "pivot"],
    [false, "graph"],
];

/**
 * ICAMO's dashboard: the key indicators of a month for the nation or a région against the
 * management norms, the IPMs and the régions side by side, twelve months of trend and the
 * open alerts; every figure opens the records behind it. One server call per filter change
 * (siamo.icamo.indicator.dashboard_data).
 */
export class IcamoDashboard extends Component {
    static template = "siamo_icamo.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.canvasRef = useRef("trend");
        this.state = useState({ data: null, period: false, regionId: false });
        this.chart = null;
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        useEffect(
            () => this.drawTrend(),
            () => [this.state.data]
        );
        onWillUnmount(() => this.chart?.destroy());
    }

    async load() {
        const data = await this.orm.call("siamo.icamo.indicator", "dashboard_data", [], {
            period: this.state.period || false,
            region_id: this.state.regionId || false,
        });
        this.state.period = data.period;
        this.state.regionId = data.region_id;
        this.state.data = data;
    }

    async onPeriodChange(ev) {
        this.state.period = ev.target.value;
        await this.load();
    }

    async onRegionChange(ev) {
        this.state.regionId = parseInt(ev.target.value) || false;
        await this.load();
    }

    // ------------------------------------------------------------------ formatting

    monthLabel(isoDate) {
        return isoDate ? DateTime.fromISO(isoDate).toFormat("MMMM yyyy") : "";
    }

    get regionName() {
        const region = this.state.data.regions.find((r) => r.id === this.state.regionId);
        return region ? region.name : _t("National");
    }

    formatValue(value, unit) {
        if (value === null || value === undefined) {
            return "—";
        }
        switch (unit) {
            case "percent":
                return `${formatFloat(value, { digits: [16, 2] })} %`;
            case "fcfa":
                return `${formatInteger(Math.round(value))} FCFA`;
            case "days":
                return _t("%s days", formatFloat(value, { digits: [16, 1] }));
            case "months":
                return _t("%s months", formatFloat(value, { digits: [16, 1] }));
            default:
                return formatFloat(value, { digits: [16, 2] });
        }
    }

    normText(cell, unit) {
        if (cell.norm === null) {
            return _t("No norm");
        }
        const norm = this.formatValue(cell.norm, unit);
        return cell.bound === "max" ? _t("Norm: at most %s", norm) : _t("Norm: at least %s", norm);
    }

    statusLabel(status) {
        return {
            ok: _t("Within norms"),
            watch: _t("To watch"),
            breach: _t("Norm breached"),
            unknown: _t("Unknown"),
        }[status];
    }

    cellOf(row, code) {
        return row.values[code] || { value: null, status: "unknown" };
    }

    // ------------------------------------------------------------------ trend

    drawTrend() {
        this.chart?.destroy();
        this.chart = null;
        const trend = this.state.data?.trend;
        if (!this.canvasRef.el || !trend?.months) {
            return;
        }
        this.chart = new Chart(this.canvasRef.el, {
            type: "line",
            data: {
                labels: trend.months.map((month) => DateTime.fromISO(month).toFormat("MMM yy")),
                datasets: trend.series.map((series, index) => ({
                    label: series.label,
                    data: series.values,
                    borderColor: TREND_COLOURS[index % TREND_COLOURS.length],
                    backgroundColor: TREND_COLOURS[index % TREND_COLOURS.length],
                    spanGaps: true,
                    tension: 0.2,
                })),
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, ticks: { callback: (v) => `${v} %` } } },
                plugins: { legend: { position: "bottom" } },
            },
        });
    }

    // ------------------------------------------------------------------ links

    get indicatorDomain() {
        return [["period", "=", this.state.period]];
    }

    openIndicators(name, domain) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: "siamo.icamo.indicator",
            views: INDICATOR_VIEWS,
            domain: [...this.indicatorDomain, ...domain],
        });
    }

    openHeadline(indicator) {
        const scope = this.state.regionId
            ? [["scope", "=", "region"], ["region_id", "=", this.state.regionId]]
            : [["scope", "=", "national"]];
        this.openIndicators(`${indicator.label} — ${this.regionName}`, [
            ...scope,
            ["indicator", "=", indicator.code],
        ]);
    }

    openIpms() {
        const domain = [["scope", "=", "ipm"]];
        if (this.state.regionId) {
            domain.push(["ipm_id.region_id", "=", this.state.regionId]);
        }
        this.openIndicators(_t("Indicators of the IPMs"), domain);
    }

    openIpm(row) {
        this.openIndicators(row.name, [["scope", "=", "ipm"], ["ipm_id", "=", row.id]]);
    }

    openRow(target, row) {
        return target === "ipm" ? this.openIpm(row) : this.openRegion(row);
    }

    openRegion(row) {
        this.openIndicators(row.name, [["scope", "=", "region"], ["region_id", "=", row.id]]);
    }

    openAlerts(kind) {
        const domain = [
            ["state", "=", "open"],
            ["kind", "=", kind],
            ["period", "<=", this.state.period],
        ];
        if (this.state.regionId) {
            domain.push(["ipm_id.region_id", "=", this.state.regionId]);
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            name: kind === "late" ? _t("Late returns") : _t("Breached norms"),
            res_model: "siamo.icamo.alert",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain,
        });
    }

    openAlert(alert) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "siamo.icamo.alert",
            res_id: alert.id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("siamo_icamo.dashboard", IcamoDashboard);
