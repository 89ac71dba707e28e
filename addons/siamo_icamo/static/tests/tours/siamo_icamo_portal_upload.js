import { registry } from "@web/core/registry";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

registry.category("web_tour.tours").add("siamo_icamo_portal_upload", {
    url: "/my",
    steps: () => [
        {
            content: "Open the returns to ICAMO from the portal home",
            trigger: "a[href='/my/icamo']",
            run: "click",
        },
        {
            content: "Choose the month of the template",
            trigger: "form.o_siamo_icamo_template input[name='period']",
            run: "edit 2026-10",
        },
        {
            content: "Download the template of the month",
            trigger: "form.o_siamo_icamo_template button[type='submit']",
            async run() {
                const form = document.querySelector("form.o_siamo_icamo_template");
                const query = new URLSearchParams(new FormData(form)).toString();
                const response = await fetch(`${form.action}?${query}`);
                const type = response.headers.get("Content-Type") || "";
                if (!response.ok || !type.startsWith(XLSX)) {
                    throw new Error(`The template did not download: ${response.status} ${type}`);
                }
            },
        },
        {
            content: "Choose the filled file, which has mistakes",
            trigger: "form.o_siamo_icamo_upload input[name='file']",
            async run() {
                const response = await fetch("/web/content/siamo_icamo_tour.filled_with_errors");
                const file = new File([await response.blob()], "etat-2026-10.xlsx", { type: XLSX });
                const files = new DataTransfer();
                files.items.add(file);
                this.anchor.files = files.files;
            },
        },
        {
            content: "Send it",
            trigger: "form.o_siamo_icamo_upload button[type='submit']",
            run: "click",
        },
        {
            content: "Each mistake is shown at its sheet, row and column",
            trigger: ".o_siamo_icamo_problems tr.o_siamo_icamo_problem:contains('SN-XX'):contains('Adhérents')",
        },
        {
            content: "Nothing was taken",
            trigger: ".o_siamo_icamo_problems:contains('Rien de ce fichier')",
        },
    ],
});
