from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from siamo_core.authorization import (
    Authorization,
    AuthorizationSheet,
    new_authorization_number,
    render_authorization,
)
from siamo_core.identifiers import normalized_nin

# an authorization's cap, as the sheet's amounts (siamo-fse/1.0)
MAX_AMOUNT = 100_000_000


class SiamoCareAuthorization(models.Model):
    """A care authorization (prise en charge): the IPM agrees beforehand to pay for given care
    of a beneficiary at a provider, up to an amount, between two dates."""

    _name = "siamo.care.authorization"
    _description = "Care Authorization"
    _inherit = ["siamo.ipm.mixin", "siamo.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    # the decision: granted or refused by the IPM's actions, then it stands as it is
    _siamo_protected_fields = ("state", "requested_by_provider")
    _siamo_draft_fields = (
        "beneficiary_id",
        "provider_id",
        "date_from",
        "date_to",
        "act_class_ids",
        "act_ids",
        "medicine_ids",
        "amount_cap",
        "refusal_reason",
    )

    name = fields.Char(
        string="Authorization Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: new_authorization_number(),
    )
    beneficiary_id = fields.Many2one(
        "siamo.beneficiary", required=True, index=True, check_company=True, tracking=True
    )
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        required=True,
        index=True,
        domain="[('siamo_is_provider', '=', True)]",
        tracking=True,
    )
    date_from = fields.Date(
        string="Valid From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="Valid Until", required=True, tracking=True)
    act_class_ids = fields.Many2many("siamo.act.class", string="Act Classes")
    act_ids = fields.Many2many("siamo.act", string="Acts")
    medicine_ids = fields.Many2many("siamo.medicine", string="Medicines and Devices")
    amount_cap = fields.Integer(string="Amount Cap (FCFA)", tracking=True)
    amount_used = fields.Integer(string="Amount Used (FCFA)", compute="_compute_amount_used")
    fse_ids = fields.One2many("siamo.fse", "authorization_id", string="Care Sheets")
    requested_by_provider = fields.Boolean(readonly=True)
    reason = fields.Text(help="Why the care is needed, as the provider or the IPM states it.")
    refusal_reason = fields.Text(tracking=True)
    state = fields.Selection(
        [("requested", "Requested"), ("granted", "Granted"), ("refused", "Refused")],
        default="granted",
        required=True,
        tracking=True,
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "Two authorizations cannot share a number."),
        ("amount_cap_positive", "CHECK(amount_cap >= 0)", "An amount cap cannot be negative."),
        ("dates_in_order", "CHECK(date_to >= date_from)", "An authorization ends after it starts."),
    ]

    @api.depends("fse_ids.amount_claimed", "fse_ids.state")
    def _compute_amount_used(self):
        for authorization in self:
            authorization.amount_used = sum(
                authorization.fse_ids.filtered(lambda f: f.state != "rejected").mapped(
                    "amount_claimed"
                )
            )

    def _siamo_draft(self):
        return self.filtered(lambda authorization: authorization.state == "requested")

    def _check_decidable(self):
        """Only the medical officer decides, and only on a request waiting for a decision."""
        if not self.env.user.has_group("siamo_ipm.group_ipm_medical_officer"):
            raise AccessError(
                self.env._("Only the medical officer grants or refuses a care authorization.")
            )
        for authorization in self:
            if authorization.state != "requested":
                raise UserError(
                    self.env._(
                        "The authorization %(name)s is not waiting for a decision.",
                        name=authorization.name,
                    )
                )

    def action_grant(self):
        self._check_decidable()
        self._siamo_protected().write({"state": "granted"})

    def action_refuse(self):
        self._check_decidable()
        if any(not (authorization.refusal_reason or "").strip() for authorization in self):
            raise UserError(self.env._("Say why the authorization is refused."))
        self._siamo_protected().write({"state": "refused"})

    def action_print(self):
        return {
            "type": "ir.actions.act_url",
            "url": f"/siamo/fse/authorizations/{self.id}/pdf",
            "target": "new",
        }

    def _to_core(self):
        """The authorization as :func:`siamo_core.authorization.check_authorization` reads it;
        a refused or pending one allows nothing."""
        self.ensure_one()
        return Authorization(
            number=self.name,
            beneficiary=self.beneficiary_id.member_number,
            provider=self.provider_id.siamo_provider_code or str(self.provider_id.id),
            valid_from=self.date_from,
            valid_until=self.date_to if self.state == "granted" else self.date_from,
            items=frozenset(self.act_ids.mapped("code") + self.medicine_ids.mapped("code")),
            act_classes=frozenset(self.act_class_ids.mapped("code")),
            amount_cap=self.amount_cap or None if self.state == "granted" else 0,
            amount_used=self.amount_used,
        )

    def _render_pdf(self):
        self.ensure_one()
        items = [*self.act_class_ids.mapped("name"), *self.act_ids.mapped("display_name")]
        items += self.medicine_ids.mapped("name")
        return render_authorization(
            AuthorizationSheet(
                number=self.name,
                ipm_name=self.company_id.name,
                beneficiary_name=self.beneficiary_id.name,
                member_number=self.beneficiary_id.member_number or "",
                provider_name=self.provider_id.name,
                valid_from=self.date_from,
                valid_until=self.date_to,
                items=tuple(items),
                amount_cap=self.amount_cap or None,
            )
        )

    @api.model
    def _request_from_provider(self, provider, request):
        """A provider asks the IPM for an authorization; returns the new request, or the
        French errors that stop it. Runs with the hub's rights: ``provider`` is authenticated.
        The beneficiary is looked for only in the IPMs the provider has an agreement in force
        with: one that is unknown or belongs to another IPM gets the same answer."""
        errors = []
        beneficiary, problem = self._requested_beneficiary(provider, request.get("beneficiary"))
        if problem:
            errors.append(problem)
        items = request.get("items")
        codes = [code for code in items if isinstance(code, str)] if isinstance(items, list) else []
        acts = self.env["siamo.act"].search([("code", "in", codes)])
        medicines = self.env["siamo.medicine"].search([("code", "in", codes)])
        unknown = set(codes) - set(acts.mapped("code")) - set(medicines.mapped("code"))
        if not codes or unknown:
            errors.append(
                self.env._("Unknown acts or medicines: %(codes)s", codes=", ".join(sorted(unknown)))
                if unknown
                else self.env._("List the acts or medicines the authorization is for.")
            )
        try:
            date_from = fields.Date.to_date(request.get("date_from"))
            date_to = fields.Date.to_date(request.get("date_to"))
        except (TypeError, ValueError):
            date_from = date_to = None
        if not (date_from and date_to and date_from <= date_to):
            errors.append(self.env._("Give the dates of the care, from and to (YYYY-MM-DD)."))
        amount = request.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount <= MAX_AMOUNT:
            errors.append(self.env._("Give the expected amount in whole FCFA."))
        if errors:
            return self.browse(), errors
        authorization = self._siamo_protected().create(
            {
                "company_id": beneficiary.company_id.id,
                "beneficiary_id": beneficiary.id,
                "provider_id": provider.id,
                "date_from": date_from,
                "date_to": date_to,
                "act_ids": [fields.Command.set(acts.ids)],
                "medicine_ids": [fields.Command.set(medicines.ids)],
                "amount_cap": amount,
                "reason": request.get("reason") if isinstance(request.get("reason"), str) else "",
                "requested_by_provider": True,
                "state": "requested",
            }
        )
        return authorization, []

    @api.model
    def _requested_beneficiary(self, provider, person):
        """``(beneficiary, error)``: the active beneficiary named by NIN or member number in
        one of the IPMs ``provider`` has an agreement in force with."""
        person = person if isinstance(person, dict) else {}
        number, nin = person.get("member_number"), person.get("nin")
        if isinstance(number, str) and number.strip():
            domain = [("member_number", "=", number.strip())]
        elif isinstance(nin, str) and nin.strip():
            domain = [("nin", "=", self._nin(nin))]
        else:
            return None, self.env._("Name the beneficiary by NIN or member number.")
        ipms = provider.siamo_agreement_ipm_ids
        found = self.env["siamo.beneficiary"].search(
            [*domain, ("active", "=", True), ("company_id", "in", ipms.ids)], limit=2
        )
        if len(found) != 1:
            # unknown, of an IPM without agreement, or ambiguous: one answer that says nothing
            return None, self.env._(
                "No beneficiary of an IPM you have an agreement in force with has this NIN "
                "or member number."
            )
        return found, None

    @staticmethod
    def _nin(text):
        return normalized_nin(text) or text.strip()

    def _api_answer(self):
        self.ensure_one()
        return {
            "number": self.name,
            "state": self.state,
            "beneficiary": self.beneficiary_id.member_number,
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "amount_cap": self.amount_cap,
            "amount_used": self.amount_used,
            "refusal_reason": self.refusal_reason or None,
        }
