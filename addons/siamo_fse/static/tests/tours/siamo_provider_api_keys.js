import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("siamo_provider_api_keys", {
    url: "/my",
    steps: () => [
        {
            content: "Open the API keys from the portal home",
            trigger: "a[href='/my/api-keys']",
            run: "click",
        },
        {
            content: "Name the key after the software",
            trigger: "form.o_siamo_new_api_key_form input[name='name']",
            run: "edit Logiciel de la clinique",
        },
        {
            content: "Confirm with the password",
            trigger: "form.o_siamo_new_api_key_form input[name='password']",
            run: "edit tour_cles",
        },
        {
            content: "Create the key",
            trigger: "form.o_siamo_new_api_key_form button[type='submit']",
            run: "click",
        },
        {
            content: "The key is shown once",
            trigger: ".o_siamo_new_api_key input.o_siamo_api_key_value",
        },
        {
            content: "It is listed",
            trigger: ".o_siamo_api_key .o_siamo_api_key_name:contains('Logiciel de la clinique')",
        },
        {
            content: "Revoke it",
            trigger: ".o_siamo_api_key button.o_siamo_revoke_api_key[data-name='Logiciel de la clinique']",
            run: "click",
        },
        {
            content: "No key is left",
            trigger: "p.alert-info:not(:has(.o_siamo_api_key))",
        },
    ],
});
