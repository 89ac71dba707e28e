import publicWidget from "@web/legacy/js/public/public_widget";
import { rpc } from "@web/core/network/rpc";

const AGENT_TIMEOUT_MS = 30000; // the beneficiary may take a while to type the PIN
const STATUS_TIMEOUT_MS = 3000;
const NIN_PATTERN = /^[12][0-9]{12}$/;

/**
 * Asks the card-reader agent of ``url`` (on the provider's own computer) ``path``; rejects
 * when the agent does not answer in time.
 */
async function askAgent(url, path, body, timeout) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
        const options = body
            ? {
                  method: "POST",
                  headers: { "Content-Type": "application/json" },
                  body: JSON.stringify(body),
              }
            : { method: "GET" };
        const response = await fetch(`${url}${path}`, { ...options, signal: controller.signal });
        return await response.json();
    } finally {
        clearTimeout(timer);
    }
}

/** The beneficiary the check names: what the provider typed, or else the card's NIN. */
function beneficiaryKey(typed, card) {
    const value = (typed || "").trim();
    if (value) {
        return NIN_PATTERN.test(value) ? { nin: value } : { member_number: value };
    }
    return card && card.nin ? { nin: card.nin } : null;
}

/**
 * The provider's "Check an identity" page: one click asks the agent to read the card and
 * verify the PIN or the fingerprint on it, then the agent's answer is recorded by the server, which gives the proof
 * of presence to copy onto the care sheet.
 */
publicWidget.registry.SiamoIdentityCheck = publicWidget.Widget.extend({
    selector: ".o_siamo_identity_check_form",
    events: {
        "submit form.o_siamo_identity_check": "_onSubmit",
        "click .o_siamo_fingerprint_button": "_onFingerprint",
        "click .o_siamo_copy_proof": "_onCopyProof",
    },

    start() {
        const def = this._super(...arguments);
        this.agentUrl = this.el.dataset.agentUrl;
        this._probeAgent();
        return def;
    },

    _part(name) {
        return this.el.querySelector(`.o_siamo_${name}`);
    },

    _show(name, shown = true) {
        this._part(name).classList.toggle("d-none", !shown);
    },

    _say(name, text) {
        const part = this._part(name);
        part.textContent = text || "";
        this._show(name, Boolean(text));
    },

    async _probeAgent() {
        let status = null;
        try {
            status = await askAgent(this.agentUrl, "/status", null, STATUS_TIMEOUT_MS);
        } catch {
            status = null;
        }
        this._show("agent_waiting", false);
        this._agentAnswers(Boolean(status && status.agent));
        if (status && status.agent) {
            this._part("agent_readers").textContent = (status.readers || []).join(", ");
        }
    },

    _agentAnswers(answers) {
        this._show("agent_ready", answers);
        this._show("agent_absent", !answers);
    },

    _clearOutcome() {
        this._say("agent_message", "");
        this._say("check_error", "");
        this._show("check_result", false);
    },

    /** The beneficiary typed the card's PIN: the card verifies it. */
    _onSubmit(ev) {
        ev.preventDefault();
        const pin = ev.currentTarget.querySelector("input[name='pin']");
        const request = { pin: pin.value };
        pin.value = "";
        return this._check(ev.currentTarget, request);
    },

    /** The beneficiary puts a finger on the reader: the card compares it (match on card). */
    _onFingerprint(ev) {
        return this._check(ev.currentTarget.closest("form"), { fingerprint: true });
    },

    async _check(form, request) {
        const buttons = form.querySelectorAll("button");
        this._clearOutcome();
        buttons.forEach((button) => (button.disabled = true));
        try {
            const answer = await this._askIdentity(request);
            if (answer) {
                await this._record(answer, form);
            }
        } finally {
            buttons.forEach((button) => (button.disabled = false));
        }
    },

    /** The agent's check, without its message (shown here, not recorded), or null. */
    async _askIdentity(request) {
        let answer;
        try {
            answer = await askAgent(this.agentUrl, "/identity", request, AGENT_TIMEOUT_MS);
        } catch {
            this._agentAnswers(false);
            return null;
        }
        this._agentAnswers(true);
        if (answer.error) {
            this._say("check_error", answer.error.message || answer.error.code);
            return null;
        }
        const { message, ...check } = answer;
        this._say("agent_message", message);
        return check;
    },

    async _record(check, form) {
        const practitioner = form.querySelector("input[name='practitioner']").value.trim();
        const payload = {
            ...check,
            beneficiary: beneficiaryKey(form.querySelector("input[name='beneficiary']").value, check.card),
        };
        if (practitioner) {
            payload.practitioner = practitioner;
        }
        const recorded = await rpc("/my/identity-checks/record", { payload });
        if (recorded.error) {
            this._say("check_error", recorded.error.message);
            return;
        }
        this._showProof(recorded);
    },

    _showProof(recorded) {
        const confirmed = recorded.result === "confirmed";
        const result = this._part("check_result");
        result.classList.toggle("alert-success", confirmed);
        result.classList.toggle("alert-danger", !confirmed);
        for (const label of result.querySelectorAll(".o_siamo_result_label_confirmed")) {
            label.classList.toggle("d-none", !confirmed);
        }
        for (const label of result.querySelectorAll(".o_siamo_result_label_refused")) {
            label.classList.toggle("d-none", confirmed);
        }
        const member = recorded.beneficiary.member_number;
        this._part("result_beneficiary").textContent = member
            ? `${recorded.beneficiary.name} (${member})`
            : recorded.beneficiary.name;
        this._part("proof").textContent = recorded.id;
        this._show("check_result", true);
    },

    async _onCopyProof() {
        const proof = this._part("proof");
        try {
            await navigator.clipboard.writeText(proof.textContent);
        } catch {
            window.getSelection().selectAllChildren(proof);
        }
    },
});

export default publicWidget.registry.SiamoIdentityCheck;
