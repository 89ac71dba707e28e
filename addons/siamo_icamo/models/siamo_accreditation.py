from odoo import api, fields, models
from odoo.addons.siamo_referentiel.models.siamo_numbered_mixin import next_numbers
from odoo.exceptions import AccessError, UserError, ValidationError

# what the applicant fills in the portal; only the portal's business methods write it
APPLICATION_FIELDS = (
    "ipm_kind",
    "region_id",
    "statutes",
    "internal_rules",
    "board_members",
    "worker_count",
    "member_company_count",
)
CHECKLIST_FIELDS = (
    "check_statutes",
    "check_internal_rules",
    "check_board",
    "check_headcount",
    "check_documents",
)
# the documents an applicant sends (their labels: _document_kinds)
DOCUMENT_KINDS = ("statutes", "internal_rules", "minutes", "board", "other")
STATES = [
    ("draft", "Draft"),
    ("requested", "Submitted"),
    ("more_info", "More Information Requested"),
    ("granted", "Granted"),
    ("refused", "Refused"),
    ("suspended", "Suspended"),
    ("withdrawn", "Withdrawn"),
]
ADMIN_GROUP = "siamo_icamo.group_icamo_admin"
ANALYST_GROUP = "siamo_icamo.group_icamo_analyst"
APPLICANT_GROUP = "siamo_icamo.group_accreditation_applicant"
REGULATOR_PARAM = "siamo_icamo.accreditation_company_id"


class SiamoAccreditation(models.Model):
    """An IPM's accreditation file: the application its applicant fills in the portal, ICAMO's
    review (checklist, questions, visit), the decision and the accreditation it grants. The
    state, the number, the validity and the application change only through the actions."""

    _name = "siamo.accreditation"
    _description = "IPM Accreditation (agrément)"
    _inherit = [
        "siamo.icamo.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.accreditation"
    _order = "date_start desc, id desc"
    _siamo_protected_fields = (
        "name",
        "state",
        "date_start",
        "date_end",
        "decision_date",
        "refusal_reason",
        "applicant_id",
        "submitted_on",
        "reminder_sent_for",
        *APPLICATION_FIELDS,
    )
    # whose file it is: set when the file is opened, changed while it is a draft only
    _siamo_fixed_fields = ("ipm_partner_id", "company_id")

    name = fields.Char(string="Accreditation Number", required=False, tracking=True)
    ipm_partner_id = fields.Many2one(
        "res.partner",
        string="IPM",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(string="Valid Until", tracking=True)
    state = fields.Selection(
        STATES,
        default="requested",
        required=True,
        tracking=True,
    )
    # the application
    applicant_id = fields.Many2one("res.users", readonly=True, tracking=True)
    submitted_on = fields.Datetime(readonly=True, tracking=True)
    ipm_kind = fields.Selection(
        [("company", "Company IPM"), ("inter", "Inter-company IPM")],
        string="Kind of IPM",
        tracking=True,
    )
    region_id = fields.Many2one("siamo.region", tracking=True)
    statutes = fields.Text(
        help="The main provisions of the statutes and the date they were adopted."
    )
    internal_rules = fields.Text(help="The main provisions of the internal rules.")
    board_members = fields.Text(help="One member a line: name, office, company.")
    worker_count = fields.Integer(string="Workers Covered", tracking=True)
    member_company_count = fields.Integer(string="Member Companies", tracking=True)
    document_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Documents",
        domain=[("res_model", "=", "siamo.accreditation")],
        readonly=True,
    )
    # the review
    check_statutes = fields.Boolean(string="Statutes conform to the model statutes", tracking=True)
    check_internal_rules = fields.Boolean(string="Internal rules conform", tracking=True)
    check_board = fields.Boolean(string="Board elected and complete", tracking=True)
    check_headcount = fields.Boolean(string="Headcount justified", tracking=True)
    check_documents = fields.Boolean(string="Documents complete", tracking=True)
    checklist_done = fields.Boolean(compute="_compute_checklist_done")
    question_ids = fields.One2many(
        "siamo.accreditation.question", "accreditation_id", string="Questions"
    )
    question_to_ask = fields.Text(
        groups=ANALYST_GROUP,
        string="Question to Ask",
        help="What the applicant must complete or explain; sent to him by the action "
        "« Ask for More Information ».",
    )
    visit_date = fields.Date(tracking=True)
    # ICAMO's review: not the applicant's to read
    visit_report = fields.Text(groups=ANALYST_GROUP)
    # the decision
    decision_date = fields.Date(readonly=True, tracking=True)
    refusal_reason = fields.Text(string="Reasons for Refusal", readonly=True, tracking=True)
    reminder_sent_for = fields.Date(
        string="Renewal Reminder Sent For",
        readonly=True,
        help="The end of validity the renewal reminder was sent for.",
    )

    @api.depends(*CHECKLIST_FIELDS)
    def _compute_checklist_done(self):
        for accreditation in self:
            accreditation.checklist_done = all(accreditation[name] for name in CHECKLIST_FIELDS)

    @api.depends("name", "ipm_partner_id")
    def _compute_display_name(self):
        for accreditation in self:
            accreditation.display_name = accreditation.name or self.env._(
                "Application of %(ipm)s", ipm=accreditation.ipm_partner_id.name or ""
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for accreditation in self:
            if (
                accreditation.date_start
                and accreditation.date_end
                and accreditation.date_end < accreditation.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "An accreditation cannot end before it starts (%(number)s).",
                        number=accreditation.display_name,
                    )
                )

    def _siamo_being_keyed(self):
        return self.filtered(lambda accreditation: accreditation.state == "draft")

    def _siamo_final(self):
        return self.filtered(lambda accreditation: accreditation.state in ("refused", "withdrawn"))

    def write(self, vals):
        result = super().write(vals)
        if {"name", "state"} & set(vals):
            # the warehouse keeps what each IPM's accreditation was
            ipms = self.env["siamo.icamo.ipm"].sudo().search([("accreditation_id", "in", self.ids)])
            ipms._record_history()
        return result

    # ------------------------------------------------------------------ guards

    def _check_role(self, group):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "Only %(role)s may do this on an accreditation.",
                    role=self.env.ref(group).sudo().full_name,
                )
            )

    def _check_state(self, states, action):
        for accreditation in self:
            if accreditation.state not in states:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: it cannot be %(action)s.",
                        record=accreditation.display_name,
                        state=accreditation._siamo_final_reason(),
                        action=action,
                    )
                )

    def _set_state(self, state, body, **values):
        self._siamo_protected().write({"state": state, **values})
        for accreditation in self:
            accreditation.message_post(
                body=body,
                partner_ids=accreditation._applicant_partners(),
                subtype_xmlid="mail.mt_comment",
            )

    def _applicant_partners(self):
        # the applicant is a portal user, perhaps of no company the reviewer works for
        return self.sudo().applicant_id.partner_id.ids

    # ------------------------------------------------------------------ review (analyst)

    def action_ask_more_information(self):
        """Send the applicant the question typed in « Question to Ask »; the file waits for
        his answer."""
        self._check_role(ANALYST_GROUP)
        self._check_state(("requested",), self.env._("sent back to its applicant"))
        for accreditation in self:
            question = (accreditation.question_to_ask or "").strip()
            if not question:
                raise UserError(self.env._("Type the question to ask the applicant first."))
            self.env["siamo.accreditation.question"].sudo().create(
                {"accreditation_id": accreditation.id, "question": question}
            )
            accreditation.question_to_ask = False
            accreditation._set_state(
                "more_info",
                self.env._("ICAMO asks for more information: %(question)s", question=question),
            )

    def action_record_visit(self):
        """Record in the chatter the visit typed in the review tab."""
        self._check_role(ANALYST_GROUP)
        self._check_state(("requested",), self.env._("visited"))
        for accreditation in self:
            if not accreditation.visit_date or not (accreditation.visit_report or "").strip():
                raise UserError(self.env._("Give the date and the report of the visit."))
            accreditation.message_post(
                body=self.env._(
                    "Visit of %(date)s: %(report)s",
                    date=accreditation.visit_date,
                    report=accreditation.visit_report,
                )
            )

    # ------------------------------------------------------------------ decision (administrator)

    def action_open_decision(self):
        self._check_role(ADMIN_GROUP)
        self._check_state(("requested",), self.env._("decided"))
        return {
            "type": "ir.actions.act_window",
            "res_model": "siamo.accreditation.decide",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_accreditation_id": self.id,
                "default_decision": self.env.context.get("siamo_decision", "grant"),
            },
        }

    def action_grant(self, date_start, date_end):
        """Grant the accreditation from ``date_start`` to ``date_end``, with its number."""
        self._check_role(ADMIN_GROUP)
        self._check_state(("requested",), self.env._("granted"))
        if not date_start or not date_end:
            raise UserError(self.env._("An accreditation is granted with its validity dates."))
        for accreditation in self:
            if not accreditation.checklist_done or not accreditation.visit_date:
                raise UserError(
                    self.env._(
                        "%(record)s: tick every item of the checklist and record the visit "
                        "before granting.",
                        record=accreditation.display_name,
                    )
                )
            number = (
                accreditation.name
                or next_numbers(self.env, self._sequence_code, accreditation.company_id, 1)[0]
            )
            accreditation._set_state(
                "granted",
                self.env._(
                    "Accreditation %(number)s granted, valid from %(start)s until %(end)s.",
                    number=number,
                    start=date_start,
                    end=date_end,
                ),
                name=number,
                date_start=date_start,
                date_end=date_end,
                decision_date=fields.Date.context_today(self),
                reminder_sent_for=False,
            )

    def action_refuse(self, reason):
        """Refuse the application, with the reasons its applicant reads."""
        self._check_role(ADMIN_GROUP)
        self._check_state(("requested", "more_info"), self.env._("refused"))
        if not (reason or "").strip():
            raise UserError(self.env._("A refusal gives its reasons."))
        self._set_state(
            "refused",
            self.env._("Application refused: %(reason)s", reason=reason),
            refusal_reason=reason,
            decision_date=fields.Date.context_today(self),
        )

    def action_suspend(self):
        self._check_role(ADMIN_GROUP)
        self._check_state(("granted",), self.env._("suspended"))
        self._set_state("suspended", self.env._("Accreditation suspended."))

    def action_reinstate(self):
        self._check_role(ADMIN_GROUP)
        self._check_state(("suspended",), self.env._("reinstated"))
        self._set_state("granted", self.env._("Accreditation reinstated."))

    def action_withdraw(self):
        self._check_role(ADMIN_GROUP)
        self._check_state(("granted", "suspended"), self.env._("withdrawn"))
        self._set_state("withdrawn", self.env._("Accreditation withdrawn."))
