from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_create
from odoo.exceptions import UserError

from siamo_core.contributions import period_line, period_of

INVOICED_MEMBERSHIPS = ("active", "suspended")


class SiamoContributionPeriod(models.Model):
    """One contribution period of an IPM: computed from salaries, invoiced per member company.

    A period of many member companies is computed and invoiced in background jobs (see
    ``siamo_contribution_period_jobs.py``); a smaller one at once, in the user's request."""

    _name = "siamo.contribution.period"
    _description = "Contribution Period"
    _inherit = ["siamo.ipm.mixin", "siamo.protected.mixin", "siamo.job.mixin", "mail.thread"]
    _order = "date_start desc, id desc"
    _siamo_protected_fields = ("state",)

    name = fields.Char(compute="_compute_name", store=True)
    date_start = fields.Date(string="Period Start", required=True, tracking=True)
    date_end = fields.Date(string="Period End", required=True, tracking=True)
    date_due = fields.Date(string="Due Date", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("invoiced", "Invoiced")],
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many("siamo.contribution.line", "period_id", string="Lines")
    move_ids = fields.One2many("account.move", "siamo_contribution_period_id", string="Invoices")
    line_count = fields.Integer(compute="_compute_totals")
    amount_total = fields.Integer(string="Total (FCFA)", compute="_compute_totals")
    amount_employer = fields.Integer(string="Employers (FCFA)", compute="_compute_totals")
    amount_worker = fields.Integer(string="Workers (FCFA)", compute="_compute_totals")
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    _sql_constraints = [
        (
            "period_unique",
            "unique(company_id, date_start)",
            "An IPM has one contribution period per start date.",
        ),
    ]

    def _siamo_final(self):
        return self.filtered(lambda period: period.state == "invoiced")

    @api.depends("date_start", "date_end")
    def _compute_name(self):
        for period in self:
            period.name = (
                self.env._(
                    "Contributions %(start)s to %(end)s",
                    start=period.date_start.strftime("%d/%m/%Y"),
                    end=period.date_end.strftime("%d/%m/%Y"),
                )
                if period.date_start and period.date_end
                else False
            )

    def _compute_totals(self):
        sums = {
            period.id: (count, total, employer, worker)
            for period, count, total, employer, worker in self.env[
                "siamo.contribution.line"
            ]._read_group(
                [("period_id", "in", self.ids)],
                ["period_id"],
                ["__count", "total:sum", "employer_amount:sum", "worker_amount:sum"],
            )
        }
        for period in self:
            count, total, employer, worker = sums.get(period.id, (0, 0, 0, 0))
            period.line_count = count
            period.amount_total, period.amount_employer, period.amount_worker = (
                total or 0,
                employer or 0,
                worker or 0,
            )

    def _compute_invoice_count(self):
        for period in self:
            period.invoice_count = len(period.move_ids)

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start:
            dates = self._period_dates(self.company_id or self.env.company, self.date_start)
            self.date_start, self.date_end, self.date_due = dates.start, dates.end, dates.due

    @api.model
    def _period_dates(self, company, day):
        """The dates of ``company``'s period that starts in the month of ``day``, under the
        rules in force on the first of that month (their period length and days to pay)."""
        first = fields.Date.to_date(day).replace(day=1)
        return period_of(first, self.env["siamo.ipm.rule"]._rules_on(company, first))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_start") and not (vals.get("date_end") and vals.get("date_due")):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                dates = self._period_dates(company, vals["date_start"])
                vals.setdefault("date_end", dates.end)
                vals.setdefault("date_due", dates.due)
        return super().create(vals_list)

    # ------------------------------------------------------------------ compute

    def action_compute(self):
        for period in self:
            period._check_can_compute()
            memberships = period._memberships_to_compute()
            if period._runs_in_background(memberships):
                period._compute_in_background(memberships)
            else:
                period._compute_now()

    def _check_can_compute(self):
        """Only who writes the period and its lines computes it, while nothing is invoiced."""
        self.ensure_one()
        self.check_access("write")
        self.env["siamo.contribution.line"].check_access("create")
        if self.state == "invoiced":
            raise UserError(self.env._("%(period)s is invoiced already.", period=self.name))
        if self.move_ids:
            raise UserError(
                self.env._(
                    "%(period)s is partly invoiced: invoice the remaining member companies "
                    "instead of computing it again.",
                    period=self.name,
                )
            )
        self._check_not_busy()

    def _participants_domain(self, memberships=None):
        """Participants of the member companies still there during the period."""
        domain = [
            ("company_id", "=", self.company_id.id),
            ("relationship", "=", "participant"),
            ("membership_id.state", "in", INVOICED_MEMBERSHIPS),
            "|",
            ("hire_date", "=", False),
            ("hire_date", "<=", self.date_end),
            "|",
            ("left_on", "=", False),
            ("left_on", ">=", self.date_start),
        ]
        if memberships is not None:
            domain.append(("membership_id", "in", memberships.ids))
        return domain

    def _participants_to_invoice(self, memberships=None):
        return self.env["siamo.beneficiary"].search(self._participants_domain(memberships))

    def _memberships_to_compute(self):
        """The member companies that have participants to invoice, in the order of their id."""
        groups = self.env["siamo.beneficiary"]._read_group(
            self._participants_domain(), ["membership_id"]
        )
        return self.env["siamo.membership"].browse(sorted(m.id for (m,) in groups))

    def _compute_now(self):
        self.line_ids._siamo_protected().unlink()
        self._write_lines()
        self._siamo_protected().state = "computed"
        self._forget_failure()

    def _write_lines(self, memberships=None):
        """The lines of the participants of ``memberships`` (all when None)."""
        # a large IPM has a hundred thousand participants: one COPY writes their lines
        bulk_create(self.env["siamo.contribution.line"], self._contribution_lines(memberships))

    def _contribution_lines(self, memberships=None):
        self.ensure_one()
        rules = self.env["siamo.ipm.rule"]._rules_on(self.company_id, self.date_start)
        values = []
        for participant in self._participants_to_invoice(memberships):
            line = period_line(participant.salary, rules)
            values.append(
                {
                    "period_id": self.id,
                    "company_id": self.company_id.id,
                    "participant_id": participant.id,
                    "membership_id": participant.membership_id.id,
                    "employer_id": participant.membership_id.partner_id.id,
                    "salary": line.salary,
                    "base": line.base,
                    "total": line.total,
                    "employer_amount": line.employer,
                    "worker_amount": line.worker,
                }
            )
        return values

    # ------------------------------------------------------------------ invoice

    def action_invoice(self):
        for period in self:
            period._check_can_invoice()
            memberships = period._memberships_to_invoice()
            if period._runs_in_background(memberships):
                period._invoice_in_background(memberships)
            else:
                period._invoice_now(memberships)

    def _check_can_invoice(self):
        """Only who writes the period and invoices invoices it, once it is computed."""
        self.ensure_one()
        self.check_access("write")
        self.env["account.move"].check_access("create")
        if self.state != "computed":
            raise UserError(self.env._("Compute %(period)s before invoicing it.", period=self.name))
        self._check_not_busy()
        self._contribution_account()

    def _contribution_account(self):
        account = self.company_id.siamo_contribution_account_id
        if not account:
            raise UserError(
                self.env._(
                    "%(ipm)s has no contributions income account: load its chart of accounts.",
                    ipm=self.company_id.name,
                )
            )
        return account

    def _lines_to_invoice(self, memberships=None):
        """The lines of the period no invoice has taken yet (of ``memberships``)."""
        domain = [("period_id", "=", self.id), ("move_id", "=", False)]
        if memberships is not None:
            domain.append(("membership_id", "in", memberships.ids))
        return self.env["siamo.contribution.line"].search(domain)

    def _memberships_to_invoice(self):
        """The member companies not invoiced yet, in the order of their id."""
        groups = self.env["siamo.contribution.line"]._read_group(
            [("period_id", "=", self.id), ("move_id", "=", False)], ["membership_id"]
        )
        return self.env["siamo.membership"].browse(sorted(m.id for (m,) in groups))

    def _invoice_now(self, memberships):
        self._invoice_memberships(memberships)
        self._siamo_protected().state = "invoiced"
        self._forget_failure()

    def _invoice_memberships(self, memberships):
        """Invoice each of ``memberships`` the lines no invoice has taken yet: a member company
        invoiced already is skipped."""
        account = self._contribution_account()
        lines_by_membership = self._lines_to_invoice(memberships).grouped("membership_id")
        # the invoices take their lines: the lines' invoice is the period's to write
        moves = (
            self._siamo_protected()
            .env["account.move"]
            .create(
                [
                    self._invoice_values(membership, lines, account)
                    for membership, lines in lines_by_membership.items()
                ]
            )
        )
        moves.action_post()
        for move in moves:
            move.siamo_contribution_line_ids._attach_annexes(move)
        return moves

    def _invoice_values(self, membership, lines, account):
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": membership.partner_id.id,
            "invoice_date": self.date_end,
            "invoice_date_due": self.date_due,
            "siamo_contribution_period_id": self.id,
            "siamo_contribution_line_ids": [(6, 0, lines.ids)],
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "name": self.env._(
                            "%(period)s — %(count)s participant(s), employer share "
                            "%(employer)s FCFA, workers' share %(worker)s FCFA",
                            period=self.name,
                            count=len(lines),
                            employer=sum(lines.mapped("employer_amount")),
                            worker=sum(lines.mapped("worker_amount")),
                        ),
                        "quantity": 1,
                        "price_unit": sum(lines.mapped("total")),
                        "account_id": account.id,
                        "tax_ids": [(5, 0, 0)],
                    },
                )
            ],
        }

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.move_ids.ids)]
        action["context"] = {"create": False}
        return action
