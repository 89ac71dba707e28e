import { registry } from "@web/core/registry";

function chooseOption(selector, label) {
    const select = document.querySelector(selector);
    const option = [...select.options].find((candidate) => candidate.text.includes(label));
    select.value = option.value;
}

function setValue(selector, value) {
    document.querySelector(selector).value = value;
}

registry.category("web_tour.tours").add("siamo_portal_member_company", {
    url: "/my",
    steps: () => [
        {
            content: "Open the beneficiaries from the portal home",
            trigger: "a[href='/my/beneficiaries']",
            run: "click",
        },
        {
            content: "The company sees its worker",
            trigger: "td a:contains('Moussa Test')",
        },
        {
            content: "Ask to add a beneficiary",
            trigger: "a[href='/my/requests/add']",
            run: "click",
        },
        {
            content: "Name the new spouse",
            trigger: "form.o_siamo_request_add input[name='name']",
            run: "edit Aïssatou Test",
        },
        {
            content: "She is a spouse of Moussa Test",
            trigger: "form.o_siamo_request_add select[name='relationship']",
            run() {
                setValue("#relationship", "spouse");
                chooseOption("#participant_id", "Moussa Test");
            },
        },
        {
            content: "Send the request",
            trigger: "form.o_siamo_request_add button[type='submit']",
            run: "click",
        },
        {
            content: "The request waits for the IPM",
            trigger: ".o_siamo_request_submitted",
        },
        {
            content: "Go to the contributions",
            trigger: "body",
            run() {
                window.location.href = "/my/contributions";
            },
        },
        {
            content: "The balance of the books is shown",
            trigger: ".o_siamo_balance:contains('FCFA')",
        },
    ],
});
