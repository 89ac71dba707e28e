from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# the batch's totals, sums of its sheets' own
AMOUNT_FIELDS = ("amount_claimed", "amount_allowed", "ipm_share", "copayment", "copayment_advanced")


class SiamoSettlementBatch(models.Model):
    """The care sheets of one provider over a period (or those a participant paid himself and
    brought for reimbursement), settled by the IPM's rules. A batch is settled again as often
    as needed until it is validated; then it never changes and the bill is in the books."""

    _name = "siamo.settlement.batch"
    _description = "Settlement Batch"
    _inherit = [
        "siamo.ipm.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "siamo.job.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.settlement.batch"
    _order = "date_to desc, id desc"
    _siamo_protected_fields = ("state", "move_id")
    # what the batch settles: once settled, its sheets and results are of these
    _siamo_draft_fields = ("payee", "provider_id", "participant_id", "date_from", "date_to")

    name = fields.Char(string="Batch Number")
    payee = fields.Selection(
        [("provider", "Care Provider"), ("participant", "Participant (reimbursement)")],
        string="Paid To",
        default="provider",
        required=True,
        tracking=True,
    )
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        index=True,
        domain="[('siamo_is_provider', '=', True)]",
        tracking=True,
    )
    participant_id = fields.Many2one(
        "siamo.beneficiary",
        index=True,
        check_company=True,
        domain="[('relationship', '=', 'participant')]",
        tracking=True,
        help="The participant reimbursed for the care his family paid the providers.",
    )
    date_from = fields.Date(string="Care From", required=True, tracking=True)
    date_to = fields.Date(string="Care Until", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("settled", "Settled"), ("validated", "Validated")],
        default="draft",
        required=True,
        tracking=True,
    )
    fse_ids = fields.One2many("siamo.fse", "settlement_batch_id", string="Care Sheets")
    fse_count = fields.Integer(string="Sheets", compute="_compute_amounts")
    amount_claimed = fields.Integer(string="Claimed (FCFA)", compute="_compute_amounts")
    amount_allowed = fields.Integer(string="Allowed (FCFA)", compute="_compute_amounts")
    ipm_share = fields.Integer(string="IPM Share (FCFA)", compute="_compute_amounts")
    copayment = fields.Integer(string="Co-payment (FCFA)", compute="_compute_amounts")
    copayment_advanced = fields.Integer(
        string="Co-payment Advanced (FCFA)", compute="_compute_amounts"
    )
    move_id = fields.Many2one("account.move", string="Bill", readonly=True, copy=False)
    payment_state = fields.Selection(related="move_id.payment_state", string="Payment")

    _sql_constraints = [
        ("dates_in_order", "CHECK(date_to >= date_from)", "A batch ends after it starts."),
        (
            "payee_given",
            "CHECK((payee = 'provider' AND provider_id IS NOT NULL) "
            "OR (payee = 'participant' AND participant_id IS NOT NULL))",
            "A batch pays a care provider or reimburses a participant: name him.",
        ),
    ]

    @api.depends(*(f"fse_ids.{name}" for name in AMOUNT_FIELDS))
    def _compute_amounts(self):
        # a batch holds up to a hundred thousand sheets: summed by PostgreSQL
        groups = self.env["siamo.fse"]._read_group(
            [("settlement_batch_id", "in", self.ids)],
            ["settlement_batch_id"],
            ["__count", *(f"{name}:sum" for name in AMOUNT_FIELDS)],
        )
        totals = {batch: values for batch, *values in groups}
        for batch in self:
            count, *amounts = totals.get(batch, [0] * (1 + len(AMOUNT_FIELDS)))
            batch.fse_count = count
            for name, amount in zip(AMOUNT_FIELDS, amounts, strict=True):
                batch[name] = amount or 0

    def _siamo_final(self):
        return self.filtered(lambda batch: batch.state == "validated")

    def _siamo_draft(self):
        # a batch being settled in the background keeps what its jobs settle
        return (
            super()
            ._siamo_draft()
            .filtered(lambda batch: batch.siamo_job_state not in ("queued", "running"))
        )

    def _check_manager(self):
        """Settling and validating are the IPM manager's, in his own IPM (the record rules
        keep him there)."""
        if not self.env.user.has_group("siamo_ipm.group_ipm_manager"):
            raise AccessError(self.env._("Only the IPM manager settles and validates batches."))
        self.check_access("write")

    def _check_not_validated(self):
        for batch in self.filtered(lambda batch: batch.state == "validated"):
            raise UserError(
                self.env._(
                    "The batch %(name)s is validated: it cannot be settled again.",
                    name=batch.name,
                )
            )

    # ------------------------------------------------------------------ settle
    # (what it reads: siamo_settlement_batch_inputs.py and _history.py; the settling itself:
    # siamo_settlement_batch_settle.py; in background jobs: siamo_settlement_batch_jobs.py)

    def action_settle(self):
        """Take the provider's received sheets of the period and settle them all again: at
        once, or in background jobs for a large batch."""
        self._check_manager()
        self._check_not_validated()
        self._check_not_busy()
        for batch in self:
            batch._settle()

    # ------------------------------------------------------------------ validate and pay
    # (the bill: siamo_settlement_batch_bill.py)

    def action_validate(self):
        """Freeze the batch and book the provider's bill for the IPM's share."""
        self._check_manager()
        self._check_not_busy()
        for batch in self:
            batch._check_validable()
        care_expenses = self._care_expenses()
        for batch in self:
            batch._siamo_protected().move_id = batch._create_bill(care_expenses)
            batch._mark_sheets_settled()
            batch._siamo_protected().state = "validated"

    def _check_validable(self):
        if self.state == "validated":
            raise UserError(self.env._("The batch %(name)s is already validated.", name=self.name))
        if self.state != "settled":
            raise UserError(
                self.env._("Settle the batch %(name)s before validating it.", name=self.name)
            )
        waiting = self.env["siamo.fse"].search_count(
            [("settlement_batch_id", "=", self.id), ("control_state", "=", "to_review")]
        )
        if waiting:
            raise UserError(
                self.env._(
                    "%(count)s sheet(s) of %(name)s wait for the medical officer's review.",
                    count=waiting,
                    name=self.name,
                )
            )

    def action_view_bill(self):
        self.ensure_one()
        return self.move_id._siamo_form_action()
