import { registry } from "@web/core/registry";

function attach(selector, name, content) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, { type: "application/pdf" }));
    document.querySelector(selector).files = transfer.files;
}

registry.category("web_tour.tours").add("siamo_accreditation_apply", {
    url: "/my",
    steps: () => [
        {
            content: "Open the accreditation from the portal home",
            trigger: "a[href='/my/accreditations']",
            run: "click",
        },
        {
            content: "Start a new application",
            trigger: "a.o_siamo_accreditation_new",
            run: "click",
        },
        {
            content: "A company IPM",
            trigger: "form.o_siamo_accreditation_form select[name='ipm_kind']",
            run: "select company",
        },
        {
            content: "Its headcount",
            trigger: "form.o_siamo_accreditation_form input[name='worker_count']",
            run: "edit 1200",
        },
        {
            content: "Its member companies",
            trigger: "form.o_siamo_accreditation_form input[name='member_company_count']",
            run: "edit 1",
        },
        {
            content: "Its statutes",
            trigger: "form.o_siamo_accreditation_form textarea[name='statutes']",
            run: "edit Statuts types adoptés le 12 mars 2025.",
        },
        {
            content: "Its internal rules",
            trigger: "form.o_siamo_accreditation_form textarea[name='internal_rules']",
            run: "edit Règlement intérieur de l'IPM.",
        },
        {
            content: "Its board",
            trigger: "form.o_siamo_accreditation_form textarea[name='board_members']",
            run: "edit Awa Ndiaye, présidente",
        },
        {
            content: "Attach the statutes",
            trigger: "form.o_siamo_accreditation_form input[name='doc_statutes']",
            run() {
                attach("input[name='doc_statutes']", "statuts.pdf", "%PDF-1.4 statuts");
            },
        },
        {
            content: "Send the application to ICAMO",
            trigger: "form.o_siamo_accreditation_form button.o_siamo_accreditation_send",
            run: "click",
        },
        {
            content: "ICAMO reviews it",
            trigger: ".o_siamo_accreditation_submitted",
        },
        {
            content: "The statutes were received",
            trigger: ".o_siamo_accreditation_documents li:contains('statuts.pdf')",
        },
    ],
});

registry.category("web_tour.tours").add("siamo_accreditation_answer", {
    url: "/my/accreditations",
    steps: () => [
        {
            content: "Open the application ICAMO sent back",
            trigger: "td a[href^='/my/accreditations/']",
            run: "click",
        },
        {
            content: "ICAMO asks for more",
            trigger: ".o_siamo_accreditation_more_info",
        },
        {
            content: "Answer its question",
            trigger: ".o_siamo_accreditation_question textarea",
            run: "edit Le procès-verbal est joint.",
        },
        {
            content: "Attach the minutes",
            trigger: "form.o_siamo_accreditation_form input[name='doc_minutes']",
            run() {
                attach("input[name='doc_minutes']", "pv-ag.pdf", "%PDF-1.4 pv");
            },
        },
        {
            content: "Send it back",
            trigger: "form.o_siamo_accreditation_form button.o_siamo_accreditation_send",
            run: "click",
        },
        {
            content: "ICAMO reviews it again",
            trigger: ".o_siamo_accreditation_submitted",
        },
    ],
});
