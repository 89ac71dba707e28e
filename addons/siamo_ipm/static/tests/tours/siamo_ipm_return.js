import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openIcamoMenu(xmlid, content) {
    return [
        {
            content: `${content}: open the ICAMO section`,
            trigger: ".o_main_navbar button[data-menu-xmlid='siamo_ipm.siamo_ipm_menu_icamo']",
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-menu [data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("siamo_ipm_return_send", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the IPM app",
            trigger: ".o_app[data-menu-xmlid='siamo_ipm.siamo_ipm_menu_root']",
            run: "click",
        },
        ...openIcamoMenu("siamo_ipm.siamo_ipm_return_settings_menu", "Open the ICAMO settings"),
        {
            content: "ICAMO is at a remote address",
            trigger: ".modal .o_field_widget[name='delivery'] input[data-value='remote']",
            run: "click",
        },
        {
            content: "ICAMO's address",
            trigger: ".modal .o_field_widget[name='url'] input",
            run: "edit https://icamo.example.sn",
        },
        {
            content: "The key of the IPM's correspondent at ICAMO",
            trigger: ".modal .o_field_widget[name='api_key'] input",
            run: "edit cle-du-correspondant",
        },
        {
            content: "Save the settings",
            trigger: ".modal button[name='action_save']",
            run: "click",
        },
        {
            content: "The settings are closed",
            trigger: "body:not(:has(.modal))",
        },
        ...openIcamoMenu("siamo_ipm.siamo_ipm_return_menu", "Open the returns to ICAMO"),
        {
            content: "The returns to ICAMO are listed",
            trigger: ".o_breadcrumb .active:contains('ICAMO'), .o_last_breadcrumb_item:contains('ICAMO')",
        },
        {
            content: "A new return, for last month",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Compute it from the books",
            trigger: ".o_form_view button[name='action_compute']",
            run: "click",
        },
        {
            content: "Its figures are shown",
            trigger: ".o_form_view .o_field_widget[name='workers']",
        },
        {
            content: "Send it to ICAMO",
            trigger: ".o_form_view button[name='action_send']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The return is being sent",
            trigger: ".o_statusbar_status [data-value='sent'].o_arrow_button_current",
        },
    ],
});
