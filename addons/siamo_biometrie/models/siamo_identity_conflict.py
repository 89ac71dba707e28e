from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

SOURCES = [
    ("card", "Card read by the IPM"),
    ("provider_card", "Card read at a care provider"),
    ("keyed", "Keyed"),
    ("registry", "National registry"),
]
SEXES = [("F", "Female"), ("M", "Male")]
# what each compared field of siamo_core.identity is on the beneficiary
FIELD_OF = {
    "nin": "nin",
    "name": "name",
    "surname": "identity_surname",
    "given_names": "identity_given_names",
    "birth_date": "birthdate",
    "sex": "gender",
}


class SiamoIdentityConflict(models.Model):
    """An identity a card, the IPM's staff or the national registry gave that the beneficiary's
    file does not match, or a NIN another IPM already covers: shown, never applied silently.
    The IPM's staff take the proposed identity, or the manager keeps the file's with a note."""

    _name = "siamo.identity.conflict"
    _description = "Identity Conflict"
    _inherit = ["siamo.ipm.mixin", "siamo.protected.mixin", "mail.thread"]
    _order = "state_sequence, create_date desc, id desc"
    _siamo_protected_fields = ("state", "resolved_by_id", "resolved_on")
    _siamo_fixed_fields = (
        "beneficiary_id",
        "kind",
        "source",
        "difference_fields",
        "proposed_kind",
        "proposed_number",
        "proposed_nin",
        "proposed_surname",
        "proposed_given_names",
        "proposed_birth_date",
        "proposed_sex",
        "proposed_photo",
        "file_name",
        "file_nin",
        "file_birth_date",
        "file_sex",
    )
    _siamo_protected_unlink = True

    beneficiary_id = fields.Many2one(
        "siamo.beneficiary", required=True, index=True, ondelete="cascade", check_company=True
    )
    kind = fields.Selection(
        [
            ("differs", "Differs from the file"),
            ("unknown_nin", "NIN unknown to the registry"),
            ("covered_elsewhere", "NIN covered by another IPM"),
        ],
        required=True,
    )
    source = fields.Selection(SOURCES, required=True)
    state = fields.Selection(
        [("open", "To resolve"), ("source_taken", "Identity taken"), ("file_kept", "File kept")],
        default="open",
        required=True,
        tracking=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    difference_fields = fields.Char(help="The fields that differ, as siamo_core names them.")
    differences = fields.Char(compute="_compute_differences")
    proposed_kind = fields.Selection([("cedeao", "CEDEAO card"), ("cmu", "CMU card")])
    proposed_number = fields.Char(string="Proposed Card Number")
    proposed_nin = fields.Char(string="Proposed NIN")
    proposed_surname = fields.Char()
    proposed_given_names = fields.Char()
    proposed_birth_date = fields.Date()
    proposed_sex = fields.Selection(SEXES)
    proposed_photo = fields.Image(max_width=512, max_height=512, attachment=True)
    file_name = fields.Char(string="Name on File")
    file_nin = fields.Char(string="NIN on File")
    file_birth_date = fields.Date(string="Birth Date on File")
    file_sex = fields.Selection(SEXES, string="Sex on File")
    can_take_source = fields.Boolean(compute="_compute_can_take_source")
    resolution_note = fields.Text(tracking=True)
    resolved_by_id = fields.Many2one("res.users", readonly=True)
    resolved_on = fields.Datetime(readonly=True)

    @api.depends("state")
    def _compute_state_sequence(self):
        for conflict in self:
            conflict.state_sequence = 0 if conflict.state == "open" else 1

    @api.depends("difference_fields", "kind")
    def _compute_differences(self):
        Beneficiary = self.env["siamo.beneficiary"]
        for conflict in self:
            names = [name for name in (conflict.difference_fields or "").split(",") if name]
            conflict.differences = ", ".join(
                Beneficiary._fields[FIELD_OF[name]]._description_string(self.env)
                for name in names
                if name in FIELD_OF
            )

    @api.depends("kind", "source")
    def _compute_can_take_source(self):
        for conflict in self:
            # a keyed identity is on file already; the registry gave none for an unknown NIN
            conflict.can_take_source = conflict.kind != "unknown_nin" and conflict.source != "keyed"

    @api.depends("beneficiary_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for conflict in self:
            conflict.display_name = (
                f"{conflict.beneficiary_id.display_name} — {kinds.get(conflict.kind, '')}"
            )

    def _siamo_final(self):
        return self.filtered(lambda conflict: conflict.state != "open")

    def _proposed_identity(self):
        """The proposed identity as :func:`siamo_core.identity.parse_identity` reads it."""
        self.ensure_one()
        return {
            "kind": self.proposed_kind,
            "number": self.proposed_number,
            "nin": self.proposed_nin,
            "surname": self.proposed_surname,
            "given_names": self.proposed_given_names,
            "birth_date": self.proposed_birth_date,
            "sex": self.proposed_sex,
        }

    def _check_resolvable(self, group):
        if not self.env.user.has_group(group):
            raise AccessError(
                self.env._("Your role does not allow you to resolve this identity conflict.")
            )
        self.check_access("write")
        self.beneficiary_id.check_access("write")
        for conflict in self.filtered(lambda conflict: conflict.state != "open"):
            raise UserError(
                self.env._(
                    "The identity conflict %(conflict)s is resolved already.",
                    conflict=conflict.display_name,
                )
            )

    def _resolve(self, state):
        self._siamo_protected().write(
            {"state": state, "resolved_by_id": self.env.uid, "resolved_on": fields.Datetime.now()}
        )
        self.beneficiary_id._siamo_after_conflict()

    def action_take_source(self):
        """Take the identity the card or the registry gave, in place of the file's."""
        self._check_resolvable("siamo_ipm.group_ipm_user")
        for conflict in self:
            if not conflict.can_take_source:
                raise UserError(
                    self.env._(
                        "%(conflict)s proposes no identity to take: keep the file's with a note.",
                        conflict=conflict.display_name,
                    )
                )
            conflict.beneficiary_id._siamo_take_conflict_identity(conflict)
            conflict._resolve("source_taken")

    def action_keep_file(self):
        """Keep the file's identity, the manager saying why in the note."""
        self._check_resolvable("siamo_ipm.group_ipm_manager")
        for conflict in self:
            if not (conflict.resolution_note or "").strip():
                raise UserError(
                    self.env._(
                        "Say in the note why the file's identity is kept for %(conflict)s.",
                        conflict=conflict.display_name,
                    )
                )
            conflict._resolve("file_kept")
