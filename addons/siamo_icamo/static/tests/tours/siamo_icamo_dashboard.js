import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const KPI = ".o_siamo_icamo_dashboard .o_siamo_kpi";

registry.category("web_tour.tours").add("siamo_icamo_dashboard", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the ICAMO app",
            trigger: ".o_app[data-menu-xmlid='siamo_icamo.siamo_icamo_menu_root']",
            run: "click",
        },
        {
            content: "Open the analysis section",
            trigger: ".o_main_navbar button[data-menu-xmlid='siamo_icamo.siamo_icamo_menu_analysis']",
            run: "click",
        },
        {
            content: "Open the dashboard",
            trigger: ".dropdown-menu [data-menu-xmlid='siamo_icamo.siamo_icamo_dashboard_menu']",
            run: "click",
        },
        {
            content: "The nation's claims ratio of October",
            trigger: `${KPI}[data-indicator='claims_ratio'] .o_siamo_kpi_value:contains(32,50 %)`,
        },
        {
            content: "The management costs break their norm",
            trigger: `${KPI}.o_siamo_status_breach[data-indicator='management_cost_ratio']:contains(15,83 %)`,
        },
        {
            content: "The IPM breaking most norms comes first, its breach coloured",
            trigger: ".o_siamo_dashboard_ipms tbody tr:first-child:contains(IPM Diop) td.o_siamo_status_breach",
        },
        {
            content: "Choose September",
            trigger: "select.o_siamo_dashboard_period",
            run: "select 2026-09-01",
        },
        {
            content: "September's management costs",
            trigger: `${KPI}.o_siamo_status_ok[data-indicator='management_cost_ratio']:contains(10,00 %)`,
        },
        {
            content: "Back to October",
            trigger: "select.o_siamo_dashboard_period",
            run: "select 2026-10-01",
        },
        {
            content: "Choose Thiès",
            trigger: "select.o_siamo_dashboard_region",
            run: "selectByLabel Thiès",
        },
        {
            content: "Thiès' claims ratio, and its IPM alone",
            trigger: `${KPI}[data-indicator='claims_ratio'] .o_siamo_kpi_value:contains(40,00 %)`,
        },
        {
            content: "Only the IPM of Thiès is listed",
            trigger: ".o_siamo_dashboard_ipms tbody:not(:contains(IPM Sonatel)) a.o_siamo_row_link:contains(IPM Diop)",
            run: "click",
        },
        {
            content: "The indicators of the IPM, as a list",
            trigger: ".o_list_view .o_data_row:contains(IPM Diop)",
        },
        {
            content: "Nothing of the other IPM",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(IPM Sonatel)))",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .o_back_button, .breadcrumb-item:first-child a",
            run: "click",
        },
        {
            content: "The dashboard again",
            trigger: `${KPI}[data-indicator='claims_ratio']`,
        },
    ],
});
