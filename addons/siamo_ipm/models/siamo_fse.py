from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.fields import Many2oneUnchecked
from odoo.addons.siamo_referentiel.tools.reason_labels import reason_labels
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from siamo_core.medical_control import reduce_shares


class SiamoFse(models.Model):
    """A care sheet, the IPM's claim: keyed by its staff from paper, or received from a provider
    through the exchange platform (``siamo_fse`` adds its channels)."""

    _name = "siamo.fse"
    _description = "Care Sheet (FSE)"
    _inherit = [
        "siamo.ipm.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.fse"
    _order = "care_date desc, id desc"
    # the settlement and the medical control write these, nobody else
    _siamo_protected_fields = (
        "settlement_batch_id",
        "amount_allowed",
        "ipm_share",
        "copayment",
        "copayment_advanced",
        "copayment_statement_id",
        "control_reasons",
        "control_state",
        "state",
    )
    # what the provider claimed, as received and signed
    _siamo_fixed_fields = (
        "company_id",
        "provider_id",
        "provider_sheet_id",
        "practitioner",
        "beneficiary_id",
        "care_date",
        "diagnosis",
        "authorization_id",
        "line_ids",
        "amount_claimed",
        "content_digest",
        "presence_proof",
        "payee",
    )
    # a sheet of a validated batch still joins a co-payment deduction statement and takes
    # the participant's receipts
    _siamo_final_open_fields = ("copayment_statement_id", "receipt_ids")

    # a settlement rewrites a hundred thousand sheets and every index of each: a field is
    # indexed only where a search needs it, and only its sheets that have a value where few do
    name = fields.Char(string="Sheet Number")
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        required=True,
        index=True,
        domain="[('siamo_is_provider', '=', True)]",
        tracking=True,
    )
    provider_sheet_id = fields.Char(
        string="Provider's Sheet Id", index="btree_not_null", readonly=True, copy=False
    )
    practitioner = fields.Char(readonly=True)
    beneficiary_id = fields.Many2one(
        "siamo.beneficiary",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    care_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    # medical data: IPM staff only, never a portal user, even through RPC
    diagnosis = fields.Char(
        string="Diagnosis (ICD-10)", readonly=True, groups="siamo_ipm.group_ipm_user"
    )
    authorization_id = fields.Many2one(
        "siamo.care.authorization", index="btree_not_null", readonly=True, check_company=True
    )
    line_ids = fields.One2many("siamo.fse.line", "fse_id", string="Lines", readonly=True)
    amount_claimed = fields.Integer(string="Amount Claimed (FCFA)", tracking=True)
    content_digest = fields.Char(
        index=True,
        readonly=True,
        copy=False,
        help="What the sheet claims (provider, beneficiary, date, lines), to find a sheet "
        "sent twice under two ids.",
    )
    presence_proof = fields.Char(readonly=True)
    # no foreign key: settling a batch writes it on a hundred thousand sheets, and PostgreSQL
    # would check the batch for each; a batch deleted lets its sheets go (see its ondelete)
    settlement_batch_id = Many2oneUnchecked(
        "siamo.settlement.batch", index=True, readonly=True, copy=False, ondelete="set null"
    )
    amount_allowed = fields.Integer(string="Allowed (FCFA)", readonly=True, copy=False)
    ipm_share = fields.Integer(string="IPM Share (FCFA)", readonly=True, copy=False)
    copayment = fields.Integer(string="Co-payment (FCFA)", readonly=True, copy=False)
    payee = fields.Selection(
        [("provider", "Care Provider"), ("participant", "Participant")],
        string="Paid To",
        default="provider",
        required=True,
        readonly=True,
        help="Participant: he paid the provider himself and the IPM reimburses him its share.",
    )
    receipt_ids = fields.Many2many(
        "ir.attachment",
        string="Receipts",
        help="The provider's receipts the participant brought with his reimbursement claim.",
    )
    copayment_advanced = fields.Integer(
        string="Co-payment Advanced (FCFA)",
        readonly=True,
        copy=False,
        help="The co-payment the IPM paid the provider and recovers from the employer.",
    )
    copayment_statement_id = fields.Many2one(
        "siamo.copayment.statement",
        string="Deduction Statement",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    control_reasons = fields.Char(
        readonly=True,
        copy=False,
        groups="siamo_ipm.group_ipm_user",
        help="Why the medical officer reviews this sheet.",
    )
    control_reason_labels = fields.Char(
        string="Reviewed Because", compute="_compute_control_reason_labels"
    )
    control_state = fields.Selection(
        [
            ("none", "Not Sampled"),
            ("to_review", "To Review"),
            ("accepted", "Accepted"),
            ("reduced", "Reduced"),
            ("rejected", "Rejected"),
        ],
        string="Medical Control",
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
    )
    control_note = fields.Text(
        string="Medical Officer's Note",
        tracking=True,
        copy=False,
        groups="siamo_ipm.group_ipm_user",
    )
    control_ipm_share = fields.Integer(
        string="IPM Share after Control (FCFA)",
        copy=False,
        help="What the IPM pays of this sheet when the medical officer reduces it.",
    )
    channel = fields.Selection(
        [("paper", "Paper")],
        required=True,
        default="paper",
        readonly=True,
        help="How the sheet reached the IPM: keyed from paper by its staff, or received through "
        "the exchange platform.",
    )
    state = fields.Selection(
        [
            ("draft", "Being Keyed"),
            ("received", "Received"),
            ("qualified", "Qualified"),
            ("rejected", "Rejected"),
            ("settled", "Settled"),
        ],
        default=lambda self: "draft" if self.env.context.get("siamo_keying") else "received",
        required=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "amount_claimed_positive",
            "CHECK(amount_claimed >= 0)",
            "A claimed amount cannot be negative.",
        ),
    ]

    def init(self):
        # the medical officer's list: the few sheets to review among a year's
        create_index(
            self.env.cr,
            "siamo_fse_to_review_index",
            self._table,
            ["company_id"],
            where="control_state = 'to_review'",
        )

    @api.depends("control_reasons")
    @api.depends_context("lang")
    def _compute_control_reason_labels(self):
        for sheet in self:
            sheet.control_reason_labels = reason_labels(self.env, sheet.control_reasons)

    def _settled(self):
        """Whether the sheet's settlement is final (its batch validated)."""
        self.ensure_one()
        return self.settlement_batch_id.state == "validated"

    def _siamo_final(self):
        return self.filtered(lambda sheet: sheet.settlement_batch_id.state == "validated")

    def _siamo_final_reason(self):
        return self.env._(
            "its batch %(batch)s is validated", batch=self.settlement_batch_id.display_name
        )

    # ------------------------------------------------------------------ medical control

    @api.ondelete(at_uninstall=False)
    def _unlink_line_results(self):
        """PostgreSQL deletes a sheet's lines with it, not their settlement results: these
        go here."""
        self._delete_line_results()

    def _delete_line_results(self):
        """Delete the settlement results of these sheets' lines. Only a sheet a batch holds
        has results: a sheet never settled costs nothing here."""
        self.env["siamo.fse.line"]._delete_settlement_results(
            SQL(
                """r.fse_line_id IN (SELECT l.id
                                       FROM siamo_fse_line l
                                       JOIN siamo_fse f ON f.id = l.fse_id
                                      WHERE f.id = ANY(%s)
                                        AND f.settlement_batch_id IS NOT NULL)""",
                self.ids,
            )
        )

    def _check_reviewable(self):
        if not self.env.user.has_group("siamo_ipm.group_ipm_medical_officer"):
            raise AccessError(self.env._("Only the medical officer reviews care sheets."))
        for sheet in self:
            if sheet.control_state != "to_review" or sheet._settled():
                raise UserError(
                    self.env._("The sheet %(name)s is not waiting for a review.", name=sheet.name)
                )
            if not (sheet.control_note or "").strip():
                raise UserError(
                    self.env._("Note why you decide so on the sheet %(name)s.", name=sheet.name)
                )

    def action_control_accept(self):
        self._check_reviewable()
        self._siamo_protected().write({"control_state": "accepted"})

    def action_control_reject(self):
        self._check_reviewable()
        for sheet in self:
            sheet._apply_control_share(0)
        # a rejected sheet is not paid at all: no co-payment advanced to recover either
        self._siamo_protected().write({"control_state": "rejected", "copayment_advanced": 0})

    def action_control_reduce(self):
        self._check_reviewable()
        for sheet in self:
            if not 0 <= sheet.control_ipm_share < sheet.ipm_share:
                raise UserError(
                    self.env._(
                        "A reduction leaves the IPM's share of %(name)s between 0 and %(share)s "
                        "FCFA.",
                        name=sheet.name,
                        share=sheet.ipm_share - 1,
                    )
                )
            sheet._apply_control_share(sheet.control_ipm_share)
        self._siamo_protected().write({"control_state": "reduced"})

    def _apply_control_share(self, share):
        """Bring the IPM's share of the sheet down to ``share``; what is taken off is no
        longer allowed, so share + co-payment still equals the allowed amount, line by line.
        Called by the review actions alone, which checked the role and the state."""
        sheet = self._siamo_protected()
        results = sheet.line_ids.settlement_line_ids.filtered(
            lambda result: result.batch_id == sheet.settlement_batch_id
        )
        shares = reduce_shares(results.mapped("ipm_share"), share)
        for result, reduced in zip(results, shares, strict=True):
            if reduced != result.ipm_share:
                taken = result.ipm_share - reduced
                result.write({"ipm_share": reduced, "allowed": result.allowed - taken})
        sheet.write(
            {"ipm_share": share, "amount_allowed": sheet.amount_allowed - (sheet.ipm_share - share)}
        )
