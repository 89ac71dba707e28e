from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.queue_job.job import identity_exact
from odoo.exceptions import UserError

from siamo_core.deduction import AdvancedCopayment, deduction_pdf, deduction_xlsx

PROGRESS_EVERY = 20  # member companies between two progress reports


class SiamoCopaymentStatement(models.Model):
    """The co-payments the IPM advanced to providers for a member company's workers and their
    families over a month: the company withholds them from the pay and pays them back. Posted,
    it is the company's invoice on the co-payments receivable; paid, that receivable clears."""

    _name = "siamo.copayment.statement"
    _description = "Co-payment Deduction Statement"
    _inherit = [
        "siamo.ipm.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "siamo.copayment.statement"
    _order = "month desc, id desc"
    _siamo_protected_fields = ("state", "move_id")
    _siamo_draft_fields = ("partner_id", "month")

    name = fields.Char(string="Statement Number")
    partner_id = fields.Many2one(
        "res.partner", string="Member Company", required=True, index=True, tracking=True
    )
    month = fields.Date(
        required=True,
        readonly=True,
        help="The first day of the month whose deductions the statement lists.",
    )
    fse_ids = fields.One2many("siamo.fse", "copayment_statement_id", string="Care Sheets")
    amount = fields.Integer(string="To Withhold (FCFA)", compute="_compute_amount", store=True)
    participant_count = fields.Integer(string="Participants", compute="_compute_amount", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")],
        default="draft",
        required=True,
        tracking=True,
    )
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True, copy=False)
    payment_state = fields.Selection(related="move_id.payment_state", string="Payment")

    def _siamo_final(self):
        return self.filtered(lambda statement: statement.state == "posted")

    @api.depends("fse_ids.copayment_advanced")
    def _compute_amount(self):
        for statement in self:
            statement.amount = sum(statement.fse_ids.mapped("copayment_advanced"))
            beneficiaries = statement.fse_ids.beneficiary_id
            workers = beneficiaries.participant_id | beneficiaries.filtered(
                lambda beneficiary: not beneficiary.participant_id
            )
            statement.participant_count = len(workers)

    @api.model
    def _waiting_sheets_domain(self, company, month):
        """The sheets whose advanced co-payment waits for a statement of ``month``: settled
        in a validated batch, for care up to the month's end."""
        end = month.replace(day=1) + relativedelta(months=1, days=-1)
        return [
            ("company_id", "=", company.id),
            ("copayment_advanced", ">", 0),
            ("copayment_statement_id", "=", False),
            ("settlement_batch_id.state", "=", "validated"),
            ("care_date", "<=", end),
        ]

    @api.model
    def _member_companies_waiting(self, company, month):
        """How many member companies ``_prepare`` would make a statement for."""
        groups = self.env["siamo.fse"]._read_group(
            self._waiting_sheets_domain(company, month), ["beneficiary_id"]
        )
        beneficiaries = self.env["siamo.beneficiary"].union(*(group for (group,) in groups))
        return len(beneficiaries.employer_id)

    @api.model
    def _prepare(self, company, month, progress=None):
        """The statements of ``month``: each member company whose families were advanced
        co-payments, on validated settlements of care up to the month's end, not yet on a
        statement. A draft statement of the month takes what came in since.
        ``progress(done, total)`` is told every few member companies."""
        month = month.replace(day=1)
        sheets = self.env["siamo.fse"].search(self._waiting_sheets_domain(company, month))
        groups = [
            (employer, its_sheets)
            for employer, its_sheets in sheets.grouped(
                lambda sheet: sheet.beneficiary_id.employer_id
            ).items()
            if employer
        ]
        statements = self.browse()
        for done, (employer, its_sheets) in enumerate(groups, start=1):
            statement = self._draft_of(company, employer, month)
            its_sheets._siamo_protected().copayment_statement_id = statement
            statements |= statement
            if progress and (done % PROGRESS_EVERY == 0 or done == len(groups)):
                progress(done, len(groups))
        return statements

    @api.model
    def _draft_of(self, company, employer, month):
        """The draft statement of ``employer`` for ``month``, made if there is none."""
        return self.search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "=", employer.id),
                ("month", "=", month),
                ("state", "=", "draft"),
            ],
            limit=1,
        ) or self.create({"company_id": company.id, "partner_id": employer.id, "month": month})

    @api.model
    def _cron_prepare_last_month(self):
        """One queue job per IPM: one IPM's failure stops no other."""
        last_month = (fields.Date.context_today(self) - relativedelta(months=1)).replace(day=1)
        for company in self.env["res.company"].search([("siamo_role", "=", "ipm")]):
            self.with_company(company).with_delay(
                description=self.env._(
                    "Deduction statements of %(month)s for %(ipm)s",
                    month=last_month.strftime("%m/%Y"),
                    ipm=company.name,
                ),
                identity_key=identity_exact,
            )._prepare_month_job(company, last_month)

    @api.model
    def _prepare_month_job(self, company, month):
        """The queue job of one IPM's month: its statements, in the job's one transaction."""
        statements = self._prepare(company, month)
        return self.env._("%(count)s statement(s) prepared", count=len(statements))

    def _advanced_copayments(self):
        return [
            AdvancedCopayment(
                member_number=worker.member_number or "",
                participant=worker.name,
                payroll_number=worker.payroll_number or "",
                sheet=sheet.name,
                care_date=sheet.care_date,
                amount=sheet.copayment_advanced,
            )
            for sheet in self.fse_ids.sorted(lambda sheet: (sheet.care_date, sheet.id))
            for worker in [sheet.beneficiary_id.participant_id or sheet.beneficiary_id]
        ]

    def _title(self):
        return self.env._("Co-payments to withhold – %(month)s", month=self.month.strftime("%m/%Y"))

    def action_post(self):
        """Invoice each statement to its company, with the list of deductions attached."""
        self.check_access("write")
        for statement in self:
            if statement.state != "draft":
                raise UserError(
                    self.env._("The statement %(name)s is already posted.", name=statement.name)
                )
            if statement.amount <= 0:
                raise UserError(
                    self.env._(
                        "The statement %(name)s has nothing to withhold.", name=statement.name
                    )
                )
            move = self.env["account.move"].create(statement._invoice_values())
            move.action_post()
            copayments = statement._advanced_copayments()
            move._siamo_attach_annex(
                deduction_pdf(statement._title(), statement.partner_id.name, copayments),
                deduction_xlsx(copayments),
            )
            statement._siamo_protected().write({"move_id": move.id, "state": "posted"})

    def _invoice_values(self):
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "invoice_date": fields.Date.context_today(self),
            "ref": self.name,
            "siamo_copayment_statement_id": self.id,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "name": self.env._(
                            "%(title)s – %(count)s participant(s)",
                            title=self._title(),
                            count=self.participant_count,
                        ),
                        "quantity": 1,
                        "price_unit": self.amount,
                        "account_id": self.company_id._siamo_copayment_account().id,
                        "tax_ids": [fields.Command.clear()],
                    }
                )
            ],
        }

    def action_view_invoice(self):
        self.ensure_one()
        return self.move_id._siamo_form_action()
