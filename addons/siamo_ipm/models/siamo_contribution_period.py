from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_create
from odoo.exceptions import UserError

from siamo_core.contributions import monthly_contribution

INVOICED_MEMBERSHIPS = ("active", "suspended")


class SiamoContributionPeriod(models.Model):
    """One contribution period of an IPM: computed from salaries, invoiced per member company."""

    _name = "siamo.contribution.period"
    _description = "Contribution Period"
    _inherit = ["siamo.ipm.mixin", "siamo.protected.mixin", "mail.thread"]
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
            rules = self.env["siamo.ipm.rule"]._rules_on(self.company_id, self.date_start)
            self.date_start = self.date_start.replace(day=1)
            self.date_end = self.date_start + relativedelta(months=rules.months_per_period, days=-1)
            self.date_due = self.date_end + timedelta(days=15)

    # ------------------------------------------------------------------ compute

    def action_compute(self):
        for period in self:
            if period.state == "invoiced":
                raise UserError(self.env._("%(period)s is invoiced already.", period=period.name))
            period.line_ids._siamo_protected().unlink()
            # a large IPM has a hundred thousand participants: one COPY writes their lines
            bulk_create(self.env["siamo.contribution.line"], period._contribution_lines())
            period._siamo_protected().state = "computed"

    def _participants_to_invoice(self):
        """Participants of the member companies still there during the period."""
        return self.env["siamo.beneficiary"].search(
            [
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
        )

    def _contribution_lines(self):
        self.ensure_one()
        rules = self.env["siamo.ipm.rule"]._rules_on(self.company_id, self.date_start)
        months = rules.months_per_period
        values = []
        for participant in self._participants_to_invoice():
            month = monthly_contribution(participant.salary, rules)
            values.append(
                {
                    "period_id": self.id,
                    "company_id": self.company_id.id,
                    "participant_id": participant.id,
                    "membership_id": participant.membership_id.id,
                    "employer_id": participant.membership_id.partner_id.id,
                    "salary": participant.salary * months,
                    "base": month.base * months,
                    "total": month.total * months,
                    "employer_amount": month.employer * months,
                    "worker_amount": month.worker * months,
                }
            )
        return values

    # ------------------------------------------------------------------ invoice

    def action_invoice(self):
        for period in self:
            if period.state != "computed":
                raise UserError(
                    self.env._("Compute %(period)s before invoicing it.", period=period.name)
                )
            account = period.company_id.siamo_contribution_account_id
            if not account:
                raise UserError(
                    self.env._(
                        "%(ipm)s has no contributions income account: load its chart of accounts.",
                        ipm=period.company_id.name,
                    )
                )
            lines_by_membership = period.line_ids.grouped("membership_id")
            # the invoices take their lines: the lines' invoice is the period's to write
            moves = (
                period._siamo_protected()
                .env["account.move"]
                .create(
                    [
                        period._invoice_values(membership, lines, account)
                        for membership, lines in lines_by_membership.items()
                    ]
                )
            )
            moves.action_post()
            for move in moves:
                move.siamo_contribution_line_ids._attach_annexes(move)
            period._siamo_protected().state = "invoiced"

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
