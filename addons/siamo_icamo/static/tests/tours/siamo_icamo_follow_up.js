import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openMenu(section, item) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the ICAMO app",
            trigger: ".o_app[data-menu-xmlid='siamo_icamo.siamo_icamo_menu_root']",
            run: "click",
        },
        {
            content: "Open the section",
            trigger: `.o_main_navbar button[data-menu-xmlid='siamo_icamo.${section}']`,
            run: "click",
        },
        {
            content: "Open the list",
            trigger: `.dropdown-menu [data-menu-xmlid='siamo_icamo.${item}']`,
            run: "click",
        },
    ];
}

/** The IPM's correspondent answers the recommendation ICAMO made to his IPM. */
registry.category("web_tour.tours").add("siamo_icamo_answer_recommendation", {
    url: "/odoo",
    steps: () => [
        ...openMenu("siamo_icamo_menu_follow_up", "siamo_icamo_recommendation_menu"),
        {
            content: "Open his IPM's recommendation",
            trigger: ".o_data_row .o_data_cell[name='indicator']",
            run: "click",
        },
        {
            content: "Answer it",
            trigger: ".o_statusbar_buttons button:contains('Répondre')",
            run: "click",
        },
        {
            content: "Write the IPM's response",
            trigger: ".modal .o_field_widget[name='response'] textarea",
            run: "edit Plan de recouvrement voté par le conseil.",
        },
        {
            content: "Send it",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The response is on the recommendation, acknowledged",
            trigger:
                ".o_form_view:has(.o_statusbar_status button.o_arrow_button_current:contains('Reçue')) .o_field_widget[name='response']:contains('Plan de recouvrement')",
        },
    ],
});

/** ICAMO's analyst generates the report he asked for. */
registry.category("web_tour.tours").add("siamo_icamo_generate_report", {
    url: "/odoo",
    steps: () => [
        ...openMenu("siamo_icamo_menu_analysis", "siamo_icamo_report_menu"),
        {
            content: "Open the draft report",
            trigger: ".o_list_view .o_data_row .o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "The draft report's form is open",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current",
        },
        {
            content: "Generate it",
            trigger: ".o_statusbar_buttons button[name='action_generate']",
            run: "click",
        },
        {
            content: "It is queued",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('En file')",
        },
    ],
});
