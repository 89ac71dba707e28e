import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** The IPM's clerk keys a care sheet that came by mail, and registers it. */
registry.category("web_tour.tours").add("siamo_paper_sheet", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the IPM app",
            trigger: ".o_app[data-menu-xmlid='siamo_ipm.siamo_ipm_menu_root']",
            run: "click",
        },
        {
            content: "Open the care section",
            trigger: ".o_main_navbar button[data-menu-xmlid='siamo_ipm.siamo_ipm_menu_care']",
            run: "click",
        },
        {
            content: "Open the paper care sheets",
            trigger: ".dropdown-menu [data-menu-xmlid='siamo_ipm.siamo_fse_paper_menu']",
            run: "click",
        },
        {
            content: "Key a new sheet",
            trigger: ".o_control_panel:has(.o_breadcrumb:contains('Feuilles de soins papier')) .o_list_button_add",
            run: "click",
        },
        {
            content: "The provider",
            trigger: ".o_field_widget[name='provider_id'] input",
            run: "edit Cabinet du papier",
        },
        {
            content: "Pick the provider",
            trigger: ".o-autocomplete--dropdown-item a:contains('Cabinet du papier')",
            run: "click",
        },
        {
            content: "The provider's sheet number",
            trigger: ".o_field_widget[name='provider_sheet_id'] input",
            run: "edit PAP-2026-001",
        },
        {
            content: "The beneficiary",
            trigger: ".o_field_widget[name='beneficiary_id'] input",
            run: "edit Awa Papier",
        },
        {
            content: "Pick the beneficiary",
            trigger: ".o-autocomplete--dropdown-item a:contains('Awa Papier')",
            run: "click",
        },
        {
            content: "Add a line",
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The act",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row .o_field_widget[name='act_id'] input",
            run: "edit Consultation du papier",
        },
        {
            content: "Pick the act",
            trigger: ".o-autocomplete--dropdown-item a:contains('Consultation du papier')",
            run: "click",
        },
        {
            content: "Its unit price",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row .o_field_widget[name='unit_price'] input",
            run: "edit 5000",
        },
        {
            content: "Register the sheet",
            trigger: ".o_form_view button[name='action_register_paper']",
            run: "click",
        },
        {
            content: "The sheet is received, with its amount",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Reçue')",
        },
        {
            content: "The amount claimed is the line's",
            trigger: ".o_form_view .o_field_widget[name='amount_claimed']:contains('5')",
        },
    ],
});
