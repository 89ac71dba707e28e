from odoo import api, fields, models


class SiamoMembership(models.Model):
    _name = "siamo.membership"
    _description = "Membership of a Company in an IPM"
    _inherit = [
        "siamo.ipm.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.membership"
    _order = "date_effective desc, id desc"
    # the rights of the company's workers: changed by the IPM's actions and the follow-up
    _siamo_protected_fields = ("state", "date_suspended", "date_resigned", "suspended_for_arrears")

    name = fields.Char(string="Membership Number")
    partner_id = fields.Many2one(
        "res.partner",
        string="Member Company",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    state = fields.Selection(
        [
            ("application", "Application"),
            ("accepted", "Accepted"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("resigned", "Resigned"),
        ],
        default="application",
        required=True,
        tracking=True,
    )
    date_application = fields.Date(
        string="Application Date", default=fields.Date.context_today, tracking=True
    )
    date_effective = fields.Date(string="Effective Date", tracking=True)
    date_suspended = fields.Date(string="Suspended On", tracking=True, copy=False)
    date_resigned = fields.Date(string="Resigned On", tracking=True, copy=False)
    suspended_for_arrears = fields.Boolean(copy=False, tracking=True)
    participant_ids = fields.One2many("siamo.beneficiary", "membership_id", string="Participants")
    participant_count = fields.Integer(compute="_compute_participant_count")
    own_ipm_warning = fields.Char(string="Own IPM Warning", compute="_compute_own_ipm_warning")

    _sql_constraints = [
        (
            "partner_company_unique",
            "unique(partner_id, company_id)",
            "A company can hold only one membership in a given IPM.",
        ),
    ]

    @api.depends("partner_id.siamo_headcount", "company_id.siamo_ipm_kind")
    def _compute_own_ipm_warning(self):
        for membership in self:
            partner = membership.partner_id
            membership.own_ipm_warning = (
                self.env._(
                    "%(company)s employs %(headcount)s workers: with 300 or more, the law asks "
                    "it to have its own IPM rather than join an inter-company IPM.",
                    company=partner.name,
                    headcount=partner.siamo_headcount,
                )
                if partner.siamo_must_have_own_ipm
                and membership.company_id.siamo_ipm_kind == "inter"
                else False
            )

    def _compute_participant_count(self):
        counts = dict(
            self.env["siamo.beneficiary"]._read_group(
                [("membership_id", "in", self.ids), ("relationship", "=", "participant")],
                ["membership_id"],
                ["__count"],
            )
        )
        for membership in self:
            membership.participant_count = counts.get(membership, 0)

    def action_accept(self):
        today = fields.Date.context_today(self)
        for membership in self:
            membership._siamo_protected().write(
                {"state": "accepted", "date_effective": membership.date_effective or today}
            )

    def action_activate(self):
        # rights suspended for arrears come back with the membership (its workers too)
        for membership in self.filtered("suspended_for_arrears"):
            membership._siamo_restore_rights(by_hand=True)
        self._siamo_protected().write({"state": "active", "date_suspended": False})

    def action_suspend(self):
        self._siamo_protected().write(
            {"state": "suspended", "date_suspended": fields.Date.context_today(self)}
        )

    def action_resign(self):
        self._siamo_protected().write(
            {"state": "resigned", "date_resigned": fields.Date.context_today(self)}
        )

    def action_import_staff(self):
        """A new staff list, or the one of the company being applied in the background."""
        self.ensure_one()
        return self.env["siamo.staff.import"]._action_open(self)

    def action_print_cards(self):
        """The cards of every active participant of the company and of his family."""
        participants = self.participant_ids.filtered("active")
        return (participants | participants.dependent_ids).action_print_cards()

    def _siamo_suspend_for_arrears(self, since):
        """Unpaid contributions past the grace period: the workers and families lose their
        rights from ``since``."""
        self.ensure_one()
        self._siamo_protected().write(
            {"state": "suspended", "date_suspended": since, "suspended_for_arrears": True}
        )
        self._siamo_protected().participant_ids.filtered("active").write(
            {"suspended_since": since, "state": "suspended"}
        )
        self.message_post(
            body=self.env._(
                "Rights suspended from %(date)s: contributions unpaid after the grace period.",
                date=since.strftime("%d/%m/%Y"),
            )
        )

    def _siamo_restore_rights(self, by_hand=False):
        """The arrears are paid, or the manager restores the membership: rights come back."""
        self.ensure_one()
        self._siamo_protected().write(
            {"state": "active", "date_suspended": False, "suspended_for_arrears": False}
        )
        self._siamo_protected().participant_ids.filtered("suspended_since").write(
            {"suspended_since": False, "state": "covered"}
        )
        self.message_post(
            body=self.env._("Rights restored by %(user)s.", user=self.env.user.name)
            if by_hand
            else self.env._("Arrears paid: rights restored.")
        )

    def action_view_participants(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "siamo_ipm.siamo_beneficiary_participant_action"
        )
        action["domain"] = [("membership_id", "=", self.id), ("relationship", "=", "participant")]
        action["context"] = {"default_membership_id": self.id}
        return action
