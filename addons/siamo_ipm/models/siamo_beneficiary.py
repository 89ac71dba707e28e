import base64

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.models.siamo_numbered_mixin import next_numbers
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import ValidationError

from siamo_core.cards import Card, card_valid_until, render_cards
from siamo_core.eligibility import Cover, Member, cover_start, eligibility
from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identifiers import parse_nin


class SiamoBeneficiary(models.Model):
    _name = "siamo.beneficiary"
    _description = "IPM Beneficiary (participant or dependent)"
    _inherit = ["siamo.ipm.mixin", "siamo.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "member_number, id"
    _rec_names_search = ["name", "member_number", "nin"]
    # rights: suspended and restored by the contribution follow-up, left by the requests and
    # the staff lists
    _siamo_protected_fields = ("state", "suspended_since")

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    relationship = fields.Selection(
        [("participant", "Participant"), ("spouse", "Spouse"), ("child", "Child")],
        required=True,
        default="participant",
        tracking=True,
    )
    participant_id = fields.Many2one(
        "siamo.beneficiary",
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('relationship', '=', 'participant')]",
    )
    dependent_ids = fields.One2many("siamo.beneficiary", "participant_id", string="Dependents")
    membership_id = fields.Many2one(
        "siamo.membership",
        index=True,
        check_company=True,
        compute="_compute_membership_id",
        store=True,
        readonly=False,
        precompute=True,
        recursive=True,
    )
    employer_id = fields.Many2one(
        related="membership_id.partner_id", string="Employer", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        help="The participant's contact, through which he reaches the portal.",
    )
    member_number = fields.Char(copy=False, readonly=True, index=True)
    photo = fields.Image(max_width=512, max_height=512, attachment=True)
    commune_id = fields.Many2one("siamo.commune", index=True, help="Where the beneficiary lives.")
    region_id = fields.Many2one(related="commune_id.region_id", store=True, index=True)
    nin = fields.Char(string="NIN", tracking=True, index=True)
    birthdate = fields.Date(string="Birth Date")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    payroll_number = fields.Char()
    hire_date = fields.Date()
    salary = fields.Integer(string="Monthly Salary (FCFA)", tracking=True)
    student_until = fields.Date(
        string="School Certificate Valid Until",
        help="A child past the age limit stays covered while his school certificate is valid.",
    )
    apprentice_until = fields.Date(string="Apprenticeship Valid Until")
    disabled = fields.Boolean(help="A disabled child may stay covered whatever his age.")
    first_contribution_month = fields.Date(
        help="The first month contributions were paid for the participant: the waiting period "
        "starts there.",
        tracking=True,
    )
    left_on = fields.Date(tracking=True)
    suspended_since = fields.Date(
        tracking=True, help="Rights suspended for unpaid contributions since this date."
    )
    has_rights = fields.Boolean(string="Rights Today", compute="_compute_rights")
    rights_explanation = fields.Char(compute="_compute_rights")
    nin_warning = fields.Char(string="NIN Warning", compute="_compute_nin_warning")
    state = fields.Selection(
        [
            ("waiting", "Waiting Period"),
            ("covered", "Covered"),
            ("suspended", "Suspended"),
            ("left", "Left"),
        ],
        default="waiting",
        required=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "member_number_unique",
            "unique(company_id, member_number)",
            "Two beneficiaries of an IPM cannot share a member number.",
        ),
        (
            "salary_positive",
            "CHECK(salary >= 0)",
            "A salary cannot be negative.",
        ),
    ]

    @api.depends("participant_id.membership_id")
    def _compute_membership_id(self):
        for beneficiary in self.filtered("participant_id"):
            beneficiary.membership_id = beneficiary.participant_id.membership_id

    @api.depends_context("lang")
    def _compute_rights(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            rights = beneficiary._rights_on(today)
            beneficiary.has_rights = rights.eligible
            beneficiary.rights_explanation = "; ".join(
                core_error_message(self.env, reason) for reason in rights.reasons
            )

    @api.depends("nin", "company_id")
    def _compute_nin_warning(self):
        others = self.sudo().search(
            [("nin", "in", self.filtered("nin").mapped("nin")), ("id", "not in", self.ids)]
        )
        for beneficiary in self:
            elsewhere = others.filtered(
                lambda other, b=beneficiary: other.nin == b.nin and other.company_id != b.company_id
            )
            beneficiary.nin_warning = (
                self.env._(
                    "This NIN is also covered by %(ipms)s.",
                    ipms=", ".join(elsewhere.company_id.mapped("name")),
                )
                if elsewhere
                else False
            )

    def _rights_on(self, on_date, rules=None):
        """The :class:`~siamo_core.eligibility.Eligibility` of this beneficiary on ``on_date``
        (``rules``, the IPM's core rules on that date, when the caller has them already)."""
        self.ensure_one()
        if rules is None:
            # the rules of an IPM are no secret: a portal user sees the rights they give
            rules = self.env["siamo.ipm.rule"].sudo()._rules_on(self.company_id, on_date)
        return eligibility(self._core_member(), self._core_cover(rules), rules, on_date)

    def _core_cover(self, rules):
        """The participant's :class:`~siamo_core.eligibility.Cover`, as this beneficiary has it."""
        participant = self.participant_id or self
        return Cover(
            start=cover_start(participant.first_contribution_month, rules)
            if participant.first_contribution_month
            else None,
            left_on=self._left_on(),
            suspended_since=participant.suspended_since or None,
        )

    def _core_member(self):
        return Member(
            relationship=self.relationship,
            birthdate=self.birthdate or None,
            student_until=self.student_until or None,
            apprentice_until=self.apprentice_until or None,
            disabled=self.disabled,
            spouse_rank=self._spouse_rank(),
        )

    def _left_on(self):
        """When this beneficiary stops being covered: his own removal or his participant's."""
        dates = [date for date in (self.left_on, self.participant_id.left_on) if date]
        return min(dates) if dates else None

    def _spouse_rank(self):
        if self.relationship != "spouse" or not self.participant_id:
            return 1
        spouses = self.participant_id.dependent_ids.filtered(
            lambda dependent: dependent.relationship == "spouse" and dependent.active
        ).sorted("id")
        return spouses.ids.index(self.id) + 1 if self.id in spouses.ids else len(spouses) + 1

    def _to_card(self):
        self.ensure_one()
        relationship = dict(self._fields["relationship"]._description_selection(self.env))
        return Card(
            name=self.name,
            member_number=self.member_number or "",
            ipm_name=self.company_id.name,
            ipm_code=self.company_id.partner_id.ref or f"IPM{self.company_id.id}",
            valid_until=card_valid_until(fields.Date.context_today(self), self._left_on()),
            relationship=relationship.get(self.relationship, ""),
            nin=self.nin or "",
            photo=base64.b64decode(self.photo) if self.photo else None,
        )

    def _render_cards(self):
        return render_cards(
            [beneficiary._to_card() for beneficiary in self], title=self.env._("Member Cards")
        )

    def action_print_cards(self):
        return {
            "type": "ir.actions.act_url",
            "url": f"/siamo/ipm/cards?ids={','.join(map(str, self.ids))}",
            "target": "new",
        }

    @api.constrains("nin", "company_id", "active")
    def _check_nin_once_per_ipm(self):
        checked = self.filtered(lambda b: b.nin and b.active)
        if not checked:
            return
        holders = self.search(
            [("nin", "in", checked.mapped("nin")), ("company_id", "in", checked.company_id.ids)]
        ).grouped(lambda beneficiary: (beneficiary.company_id, beneficiary.nin))
        for beneficiary in checked:
            twins = holders[(beneficiary.company_id, beneficiary.nin)] - beneficiary
            if twins:
                raise ValidationError(
                    self.env._(
                        "The NIN %(nin)s is already that of %(other)s in this IPM.",
                        nin=beneficiary.nin,
                        other=twins[0].display_name,
                    )
                )

    @api.constrains("relationship", "participant_id", "membership_id")
    def _check_family_link(self):
        for beneficiary in self:
            if beneficiary.relationship == "participant":
                if beneficiary.participant_id:
                    raise ValidationError(
                        self.env._(
                            "%(name)s is a participant and cannot depend on another participant.",
                            name=beneficiary.name,
                        )
                    )
                if not beneficiary.membership_id:
                    raise ValidationError(
                        self.env._(
                            "The participant %(name)s needs the membership of his employer.",
                            name=beneficiary.name,
                        )
                    )
            elif not beneficiary.participant_id:
                raise ValidationError(
                    self.env._(
                        "The dependent %(name)s must be linked to a participant.",
                        name=beneficiary.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_nin(vals)
        unnumbered = [vals for vals in vals_list if not vals.get("member_number")]
        by_company = {}
        for vals in unnumbered:
            by_company.setdefault(vals.get("company_id") or self.env.company.id, []).append(vals)
        for company_id, company_vals in by_company.items():
            numbers = next_numbers(
                self.env,
                "siamo.beneficiary",
                self.env["res.company"].browse(company_id),
                len(company_vals),
            )
            for vals, number in zip(company_vals, numbers, strict=True):
                vals["member_number"] = number
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._normalize_nin(vals))

    @api.model
    def _normalize_nin(self, vals):
        if vals.get("nin"):
            try:
                vals["nin"] = parse_nin(vals["nin"]).number
            except InvalidIdentifier as error:
                raise ValidationError(core_error_message(self.env, error)) from error
        return vals

    @api.depends("name", "member_number")
    def _compute_display_name(self):
        for beneficiary in self:
            beneficiary.display_name = (
                f"[{beneficiary.member_number}] {beneficiary.name}"
                if beneficiary.member_number
                else beneficiary.name
            )
