import { registry } from "@web/core/registry";

/** A step that has the test take a screenshot of the page, then leaves it time to. */
function screenshot(name) {
    return {
        content: `Screenshot of ${name}`,
        trigger: "body",
        async run() {
            console.log(`siamo-screenshot ${name}`);
            await new Promise((resolve) => setTimeout(resolve, 1000));
        },
    };
}

function checkWithPin(pin) {
    return [
        {
            content: `The beneficiary types the PIN ${pin}`,
            trigger: "form.o_siamo_identity_check input[name='pin']",
            run: `edit ${pin}`,
        },
        {
            content: "One click asks the card-reader agent",
            trigger: "form.o_siamo_identity_check button.o_siamo_check_button:enabled",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("siamo_identity_check_provider", {
    url: "/my",
    steps: () => [
        {
            content: "Open the identity check from the portal home",
            trigger: "a[href='/my/identity-checks/new']",
            run: "click",
        },
        {
            content: "The page found the card-reader agent",
            trigger: ".o_siamo_agent_ready:contains('Virtual PCD 00 00')",
        },
        {
            content: "Name the practitioner",
            trigger: "form.o_siamo_identity_check input[name='practitioner']",
            run: "edit Dr Awa Ndiaye",
        },
        ...checkWithPin("0000"),
        {
            content: "The agent's message says the PIN was wrong",
            trigger: ".o_siamo_agent_message:contains('Code PIN erroné : 2 essais restants')",
        },
        {
            content: "The refusal is recorded with its proof",
            trigger: ".o_siamo_check_result.alert-danger:contains('ne vaut pas preuve de présence') .o_siamo_proof:contains('IDC-')",
        },
        screenshot("siamo_identity_check_pin_wrong"),
        ...checkWithPin("1234"),
        {
            content: "The agent confirms the identity",
            trigger: ".o_siamo_agent_message:contains('Identité confirmée')",
        },
        {
            content: "The proof of presence to copy onto the care sheet",
            trigger: ".o_siamo_check_result.alert-success .o_siamo_result_beneficiary:contains('Moussa Test')",
        },
        screenshot("siamo_identity_check_confirmed"),
        {
            content: "The next beneficiary's card checks fingerprints: one click asks the agent",
            trigger: "form.o_siamo_identity_check button.o_siamo_fingerprint_button:enabled",
            run: "click",
        },
        {
            content: "The card matched the finger",
            trigger: ".o_siamo_check_result.alert-success .o_siamo_proof:contains('IDC-')",
        },
        {
            content: "Go to the provider's checks",
            trigger: "a.o_siamo_see_checks",
            run: "click",
        },
        {
            content: "Both checks of the page are listed with the set-up ones",
            trigger: "tr.o_siamo_identity_check:contains('Carte et code PIN'):contains('Identité refusée')",
        },
        {
            content: "The fingerprint check is listed with its method",
            trigger: "tr.o_siamo_identity_check:contains('Carte et empreinte digitale')",
        },
        screenshot("siamo_identity_check_provider_list"),
    ],
});

registry.category("web_tour.tours").add("siamo_identity_check_no_agent", {
    url: "/my/identity-checks/new",
    steps: () => [
        {
            content: "The page says the agent does not answer, in French",
            trigger: ".o_siamo_agent_absent:contains('ne répond pas')",
        },
        ...checkWithPin("1234"),
        {
            content: "Still no agent, and nothing shown as recorded",
            trigger: ".o_siamo_agent_absent:contains('démarrez-le')",
            run() {
                if (!document.querySelector(".o_siamo_check_result").classList.contains("d-none")) {
                    throw new Error("A proof is shown without any agent");
                }
            },
        },
        screenshot("siamo_identity_check_no_agent"),
    ],
});

registry.category("web_tour.tours").add("siamo_identity_check_participant", {
    url: "/my",
    steps: () => [
        {
            content: "Open the identity checks from the portal home",
            trigger: "a[href='/my/identity-checks']",
            run: "click",
        },
        {
            content: "The check of his spouse, visual with its provider",
            trigger: "tr.o_siamo_identity_check:contains('Fatou Test'):contains('Clinique Test')",
        },
        {
            content: "There is no way to check an identity for him",
            trigger: "body:not(:has(a.o_siamo_check_identity))",
        },
        screenshot("siamo_identity_check_participant_list"),
        {
            content: "Open his own check",
            trigger: "tr.o_siamo_identity_check:contains('Moussa Test') a",
            run: "click",
        },
        {
            content: "The check in detail",
            trigger: ".o_siamo_identity_check_detail:contains('Carte et code PIN')",
        },
        screenshot("siamo_identity_check_participant_detail"),
    ],
});
