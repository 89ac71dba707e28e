import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

RELATIONSHIPS = [("participant", "Participant"), ("spouse", "Spouse"), ("child", "Child")]
# what an accepted request to add someone copies onto the new beneficiary
BENEFICIARY_FIELDS = (
    "relationship",
    "nin",
    "birthdate",
    "gender",
    "payroll_number",
    "hire_date",
    "salary",
    "student_until",
    "apprentice_until",
    "disabled",
)


class SiamoMemberRequest(models.Model):
    """What a member company asks of its IPM from the portal: add a beneficiary, remove one,
    or apply a new staff and salary list. The IPM accepts or refuses; nothing changes before."""

    _name = "siamo.member.request"
    _description = "Member Company Request"
    _inherit = [
        "siamo.ipm.mixin",
        "siamo.numbered.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.member.request"
    _order = "id desc"

    name = fields.Char(string="Request Number")
    kind = fields.Selection(
        [
            ("add", "Add a Beneficiary"),
            ("remove", "Remove a Beneficiary"),
            ("staff_list", "Staff and Salary List"),
        ],
        required=True,
        readonly=True,
    )
    state = fields.Selection(
        [("submitted", "Submitted"), ("accepted", "Accepted"), ("refused", "Refused")],
        default="submitted",
        required=True,
        readonly=True,
        tracking=True,
    )
    membership_id = fields.Many2one(
        "siamo.membership", required=True, readonly=True, index=True, check_company=True
    )
    employer_id = fields.Many2one(
        related="membership_id.partner_id", string="Member Company", store=True, index=True
    )
    requested_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Date(readonly=True, copy=False)
    refusal_reason = fields.Text(tracking=True)
    # adding a beneficiary
    name_to_add = fields.Char(string="Name", readonly=True)
    relationship = fields.Selection(RELATIONSHIPS, readonly=True)
    participant_id = fields.Many2one(
        "siamo.beneficiary",
        readonly=True,
        check_company=True,
        help="The worker the new dependent depends on.",
    )
    nin = fields.Char(string="NIN", readonly=True)
    birthdate = fields.Date(string="Birth Date", readonly=True)
    gender = fields.Selection([("male", "Male"), ("female", "Female")], readonly=True)
    payroll_number = fields.Char(readonly=True)
    hire_date = fields.Date(readonly=True)
    salary = fields.Integer(string="Monthly Salary (FCFA)", readonly=True)
    student_until = fields.Date(string="School Certificate Valid Until", readonly=True)
    apprentice_until = fields.Date(string="Apprenticeship Valid Until", readonly=True)
    disabled = fields.Boolean(readonly=True)
    # removing a beneficiary
    beneficiary_id = fields.Many2one(
        "siamo.beneficiary",
        readonly=True,
        index=True,
        check_company=True,
        help="The beneficiary to remove, or the one created when the request was accepted.",
    )
    date_effective = fields.Date(
        string="Effective Date",
        readonly=True,
        help="When the removal takes effect: a departure, a divorce, a death.",
    )
    reason = fields.Text(readonly=True)
    # a staff and salary list
    file = fields.Binary(string="Staff List", attachment=True, readonly=True)
    filename = fields.Char(readonly=True)
    hire_count = fields.Integer(string="New Hires", readonly=True)
    departure_count = fields.Integer(string="Departures", readonly=True)
    salary_change_count = fields.Integer(string="Salary Changes", readonly=True)
    changes_html = fields.Html(string="Changes", readonly=True, sanitize=False)

    @api.depends("kind")
    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    def _decide(self, state, **values):
        self.write(
            {
                "state": state,
                "decided_by_id": self.env.user.id,
                "decided_on": fields.Date.context_today(self),
                **values,
            }
        )

    def _check_submitted(self):
        decided = self.filtered(lambda request: request.state != "submitted")
        if decided:
            raise UserError(
                self.env._("The request %(name)s has already been decided.", name=decided[0].name)
            )

    def action_accept(self):
        self._check_submitted()
        for request in self:
            getattr(request, f"_accept_{request.kind}")()
            request._decide("accepted")
            request.message_post(
                body=self.env._("Your request has been accepted."),
                subtype_xmlid="mail.mt_comment",
                partner_ids=request.requested_by_id.partner_id.ids,
            )

    def action_refuse(self):
        self._check_submitted()
        for request in self:
            if not (request.refusal_reason or "").strip():
                raise UserError(
                    self.env._("Say why the request %(name)s is refused.", name=request.name)
                )
            request._decide("refused")
            request.message_post(
                body=self.env._(
                    "Your request has been refused: %(reason)s", reason=request.refusal_reason
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=request.requested_by_id.partner_id.ids,
            )

    def _accept_add(self):
        values = {field: self[field] for field in BENEFICIARY_FIELDS}
        values.update(name=self.name_to_add, company_id=self.company_id.id)
        if self.relationship == "participant":
            values["membership_id"] = self.membership_id.id
        else:
            values["participant_id"] = self.participant_id.id
        beneficiary = self.env["siamo.beneficiary"].create(values)
        self.beneficiary_id = beneficiary
        beneficiary.message_post(
            body=self.env._("Added at the request %(name)s.", name=self.name),
            attachment_ids=self._supporting_documents().ids,
        )

    def _accept_remove(self):
        family = self.beneficiary_id | self.beneficiary_id.dependent_ids
        still_there = family.filtered(
            lambda member: not member.left_on or member.left_on > self.date_effective
        )
        still_there._siamo_protected().write({"left_on": self.date_effective, "state": "left"})
        self.beneficiary_id.message_post(
            body=self.env._(
                "Removed at the request %(name)s: %(reason)s", name=self.name, reason=self.reason
            )
        )

    def _accept_staff_list(self):
        wizard = self.env["siamo.staff.import"].create(
            {
                "membership_id": self.membership_id.id,
                "file": self.file,
                "filename": self.filename,
            }
        )
        wizard._apply_list()
        self.write(
            {
                field: wizard[field]
                for field in ("hire_count", "departure_count", "salary_change_count")
            }
            | {"changes_html": wizard.changes_html}
        )

    def _supporting_documents(self):
        return self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("res_field", "=", False)]
        )

    @api.model
    def _submit(self, membership, kind, values, documents=()):
        """The request of a portal user for ``membership``, with its supporting documents
        (name, content) posted in the chatter for the IPM to read."""
        request = self.create(
            {
                **values,
                "kind": kind,
                "membership_id": membership.id,
                "company_id": membership.company_id.id,
            }
        )
        # pending attachments, as the chatter composer makes them: message_post links them to
        # the request, and links no other attachment for a portal user
        attachments = self.env["ir.attachment"].create(
            [
                {"name": name, "raw": content, "res_model": "mail.compose.message", "res_id": 0}
                for name, content in documents
            ]
        )
        request.message_post(
            body=self.env._("Request sent by %(user)s.", user=self.env.user.name),
            attachment_ids=attachments.ids,
        )
        return request

    @api.model
    def _submit_staff_list(self, membership, filename, content):
        """Check a staff list sent from the portal: a request with its changes if every row is
        valid, else the wizard with the row errors and no request."""
        wizard = self.env["siamo.staff.import"].create(
            {
                "membership_id": membership.id,
                "file": base64.b64encode(content),
                "filename": filename,
            }
        )
        wizard.action_preview()
        if wizard.error_count:
            return self.browse(), wizard
        request = self._submit(
            membership,
            "staff_list",
            {
                "file": wizard.file,
                "filename": filename,
                "hire_count": wizard.hire_count,
                "departure_count": wizard.departure_count,
                "salary_change_count": wizard.salary_change_count,
                "changes_html": wizard.changes_html,
            },
        )
        return request, wizard
