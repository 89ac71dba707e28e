import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const PROVIDER = "Cabinet médical du parcours";

/** A date as the French users type it: dd/mm/yyyy. */
function french(day) {
    const two = (number) => String(number).padStart(2, "0");
    return `${two(day.getDate())}/${two(day.getMonth() + 1)}/${day.getFullYear()}`;
}

function daysAgo(days) {
    const day = new Date();
    day.setDate(day.getDate() - days);
    return day;
}

function openApp() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the IPM app",
            trigger: ".o_app[data-menu-xmlid='siamo_ipm.siamo_ipm_menu_root']",
            run: "click",
        },
    ];
}

function openMenu(section, xmlid, content) {
    return [
        {
            content: `${content}: open the section`,
            trigger: `.o_main_navbar button[data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-menu [data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

function confirmDialog() {
    return [
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("siamo_money_settle", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu(
            "siamo_ipm.siamo_ipm_menu_settlement",
            "siamo_ipm.siamo_settlement_batch_menu", "Open the settlement batches"),
        {
            content: "Start a batch",
            trigger: ".o_list_view:has(th[data-name='date_to']) .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the provider",
            trigger: ".o_field_widget[name='provider_id'] input",
            run: `edit ${PROVIDER}`,
        },
        {
            content: "The provider is proposed",
            trigger: `.o-autocomplete--dropdown-item a:contains('${PROVIDER}')`,
            run: "click",
        },
        {
            content: "Care from a month ago",
            trigger: ".o_field_widget[name='date_from'] input",
            run: `edit ${french(daysAgo(30))}`,
        },
        {
            content: "Care until today",
            trigger: ".o_field_widget[name='date_to'] input",
            run: `edit ${french(new Date())}`,
        },
        {
            content: "Settle the provider's sheets",
            trigger: ".o_form_view button[name='action_settle']",
            run: "click",
        },
        {
            content: "The sheets are settled, line by line",
            trigger: ".o_form_view .o_field_widget[name='fse_ids'] .o_data_row",
        },
        {
            content: "The batch can be validated once reviewed",
            trigger: ".o_form_view button[name='action_validate']",
        },
    ],
});

registry.category("web_tour.tours").add("siamo_money_review", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("siamo_ipm.siamo_ipm_menu_care", "siamo_ipm.siamo_fse_menu", "Open the care sheets"),
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Only the medical control to do",
            trigger: ".o_filter_menu .o-dropdown-item:contains('Contrôle médical à faire')",
            run: "click",
        },
        {
            content: "Look for the provider's sheets",
            trigger: ".o_searchview_input",
            run: `edit ${PROVIDER}`,
        },
        {
            content: "Search the care provider",
            trigger: ".o_searchview_autocomplete .o_menu_item:contains('Prestataire de soins')",
            run: "click",
        },
        {
            content: "Only the provider's sheets are listed",
            trigger: ".o_searchview_facet:contains('" + PROVIDER + "')",
        },
        {
            content: "Open the first sheet of the sample",
            trigger: `.o_list_view .o_data_row:contains('${PROVIDER}') td.o_data_cell`,
            run: "click",
        },
        {
            content: "Note the review",
            trigger: ".o_form_view .o_field_widget[name='control_note'] textarea, .o_form_view .o_field_widget[name='control_note'] input",
            run: "edit Tarif conventionnel appliqué, soins justifiés.",
        },
        {
            content: "Accept the sheet",
            trigger: ".o_form_view button[name='action_control_accept']",
            run: "click",
        },
        {
            content: "The sheet is reviewed",
            trigger: ".o_form_view:not(:has(button[name='action_control_accept']))",
        },
        {
            content: "Next sheet of the sample",
            trigger: ".o_pager_next",
            run: "click",
        },
        {
            content: "Note why it is refused",
            trigger: ".o_form_view .o_field_widget[name='control_note'] textarea, .o_form_view .o_field_widget[name='control_note'] input",
            run: "edit Acte non justifié par l'ordonnance.",
        },
        {
            content: "Reject the sheet",
            trigger: ".o_form_view button[name='action_control_reject']",
            run: "click",
        },
        ...confirmDialog(),
        {
            content: "The sample is reviewed",
            trigger: ".o_form_view:not(:has(button[name='action_control_reject']))",
        },
    ],
});

registry.category("web_tour.tours").add("siamo_money_validate_pay", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu(
            "siamo_ipm.siamo_ipm_menu_settlement",
            "siamo_ipm.siamo_settlement_batch_menu", "Open the settlement batches"),
        {
            content: "Open the provider's batch",
            trigger: `.o_list_view .o_data_row:has(td[name='date_to']):contains('${PROVIDER}') td.o_data_cell`,
            run: "click",
        },
        {
            content: "Validate and bill",
            trigger: ".o_form_view button[name='action_validate']",
            run: "click",
        },
        ...confirmDialog(),
        {
            content: "The bill is posted",
            trigger: ".o_form_view button[name='action_view_bill']",
        },
        ...openMenu(
            "siamo_ipm.siamo_ipm_menu_payments",
            "siamo_ipm.siamo_payment_order_menu", "Open the payment orders"),
        {
            content: "The payment orders are listed",
            trigger: ".o_list_view th[data-name='journal_id']",
        },
        {
            content: "Make a payment order",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Pay from the bank",
            trigger: ".o_field_widget[name='journal_id'] input",
            run: "edit Ban",
        },
        {
            content: "The bank journal",
            trigger: ".o-autocomplete--dropdown-item a:contains('Banque')",
            run: "click",
        },
        {
            // the order is saved by the next button: it must have its journal by then
            content: "The journal is chosen",
            trigger: ".o_field_widget[name='journal_id'] input:value(Banque)",
        },
        {
            content: "Add the bills still due",
            trigger: ".o_form_view button[name='action_add_due_bills']",
            run: "click",
        },
        {
            content: "The provider's bill is on the order",
            trigger: `.o_field_widget[name='move_ids'] .o_data_row:contains('${PROVIDER}')`,
        },
        {
            content: "Pay",
            trigger: ".o_form_view button[name='action_pay']",
            run: "click",
        },
        ...confirmDialog(),
        {
            content: "The order is paid",
            trigger: ".o_form_view:not(:has(button[name='action_pay']))",
        },
    ],
});

registry.category("web_tour.tours").add("siamo_money_statement", {
    url: "/odoo",
    steps: () => {
        const today = new Date();
        const month = new Date(today.getFullYear(), today.getMonth(), 1);
        return [
            ...openApp(),
            ...openMenu(
                "siamo_ipm.siamo_ipm_menu_payments",
                "siamo_ipm.siamo_copayment_statement_prepare_menu",
                "Prepare the deduction statements"
            ),
            {
                content: "This month",
                trigger: ".modal .o_field_widget[name='month'] input",
                run: `edit ${french(month)}`,
            },
            {
                content: "Prepare",
                trigger: ".modal button[name='action_prepare']",
                run: "click",
            },
            {
                content: "Open the statement of the member company",
                trigger: ".o_list_view .o_data_row:has(td[name='participant_count']):has(td[name='payment_state']) td.o_data_cell",
                run: "click",
            },
            {
                content: "Post and invoice it",
                trigger: ".o_form_view button[name='action_post']",
                run: "click",
            },
            {
                content: "The company's invoice is posted",
                trigger: ".o_form_view button[name='action_view_invoice']",
            },
        ];
    },
});
