from odoo import api, fields, models
from odoo.exceptions import ValidationError

from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identifiers import parse_nin


class SiamoBeneficiary(models.Model):
    _name = "siamo.beneficiary"
    _description = "IPM Beneficiary (participant or dependent)"
    _inherit = ["siamo.ipm.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "member_number, id"
    _rec_names_search = ["name", "member_number", "nin"]

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
    commune_id = fields.Many2one("siamo.commune", index=True, help="Where the beneficiary lives.")
    region_id = fields.Many2one(related="commune_id.region_id", store=True, index=True)
    nin = fields.Char(string="NIN", tracking=True, index=True)
    birthdate = fields.Date(string="Birth Date")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    payroll_number = fields.Char()
    hire_date = fields.Date()
    salary = fields.Integer(string="Monthly Salary (FCFA)", tracking=True)
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
            if not vals.get("member_number"):
                company = self.env["res.company"].browse(vals.get("company_id"))
                sequence = self.env["ir.sequence"].with_company(company or self.env.company)
                vals["member_number"] = sequence.next_by_code("siamo.beneficiary")
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._normalize_nin(vals))

    @api.model
    def _normalize_nin(self, vals):
        if vals.get("nin"):
            try:
                vals["nin"] = parse_nin(vals["nin"]).number
            except InvalidIdentifier as error:
                raise ValidationError(str(error)) from error
        return vals

    @api.depends("name", "member_number")
    def _compute_display_name(self):
        for beneficiary in self:
            beneficiary.display_name = (
                f"[{beneficiary.member_number}] {beneficiary.name}"
                if beneficiary.member_number
                else beneficiary.name
            )
