import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("siamo_accreditation_review", {
    url: "/odoo/action-siamo_icamo.siamo_accreditation_action",
    steps: () => [
        {
            content: "Open the application to review",
            trigger: ".o_data_row td:contains('IPM Sonatel')",
            run: "click",
        },
        {
            content: "Go to the review",
            trigger: ".o_notebook a.nav-link[name='review']",
            run: "click",
        },
        {
            content: "Tick the statutes",
            trigger: "div[name='check_statutes'] input",
            run: "click",
        },
        {
            content: "Type the question to the applicant",
            trigger: "div[name='question_to_ask'] textarea",
            run: "edit Joignez le procès-verbal de l'assemblée constitutive.",
        },
        {
            content: "Ask for more information",
            trigger: "button[name='action_ask_more_information']",
            run: "click",
        },
        {
            content: "The file waits for the applicant",
            trigger: ".o_statusbar_status button[data-value='more_info'][aria-checked='true']",
        },
        {
            content: "The question is listed",
            trigger: "div[name='question_ids'] .o_data_row:contains('procès-verbal')",
        },
    ],
});
