from odoo import fields, models


class SiamoFse(models.Model):
    """A care sheet received from a provider and routed to the beneficiary's IPM."""

    _name = "siamo.fse"
    _description = "Care Sheet (FSE)"
    _inherit = ["siamo.ipm.mixin", "siamo.numbered.mixin", "mail.thread", "mail.activity.mixin"]
    _sequence_code = "siamo.fse"
    _order = "care_date desc, id desc"

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
        string="Provider's Sheet Id", index=True, readonly=True, copy=False
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
    diagnosis = fields.Char(string="Diagnosis (ICD-10)", readonly=True)
    authorization_id = fields.Many2one(
        "siamo.care.authorization", index=True, readonly=True, check_company=True
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
    submission_ids = fields.One2many("siamo.fse.submission", "fse_id", string="Submissions")
    presence_proof = fields.Char(readonly=True)
    settlement_batch_id = fields.Many2one(
        "siamo.settlement.batch", index=True, readonly=True, copy=False
    )
    amount_allowed = fields.Integer(string="Allowed (FCFA)", readonly=True, copy=False)
    ipm_share = fields.Integer(string="IPM Share (FCFA)", readonly=True, copy=False)
    copayment = fields.Integer(string="Co-payment (FCFA)", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("qualified", "Qualified"),
            ("rejected", "Rejected"),
            ("settled", "Settled"),
        ],
        default="received",
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
