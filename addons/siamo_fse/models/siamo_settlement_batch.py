from collections import defaultdict
from decimal import Decimal

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_update
from odoo.exceptions import UserError

from siamo_core.settlement import ClaimedLine, History, Rules, Sheet, settle

LINE_RESULT_FIELDS = (
    "settlement_status",
    "reason_codes",
    "allowed",
    "ipm_share",
    "copayment",
    "act_class_id",
)
SHEET_RESULT_FIELDS = ("amount_allowed", "ipm_share", "copayment", "state")


class _CoreInputs:
    """The sheets of a batch as the engine reads them, each item, rule and right read once."""

    def __init__(self, env, company):
        self.env, self.company = env, company
        self.items, self.rights, self.ipm_rules = {}, {}, {}
        self.act_classes = {c.code: c.id for c in env["siamo.act.class"].search([])}

    def item(self, line):
        product = line.act_id or line.medicine_id
        key = (product._name, product.id)
        if key not in self.items:
            self.items[key] = product._to_core_item()
        return self.items[key]

    def act_class_id(self, line):
        return self.act_classes.get(self.item(line).act_class)

    def rights_of(self, beneficiary, on_date):
        key = (beneficiary.id, on_date)
        if key not in self.rights:
            if on_date not in self.ipm_rules:
                self.ipm_rules[on_date] = self.env["siamo.ipm.rule"]._rules_on(
                    self.company, on_date
                )
            self.rights[key] = beneficiary._rights_on(on_date, self.ipm_rules[on_date])
        return self.rights[key]

    def sheet(self, sheet, lines):
        beneficiary = sheet.beneficiary_id
        authorization = sheet.authorization_id
        return Sheet(
            sheet_id=sheet.name,
            provider=str(sheet.provider_id.id),
            beneficiary=str(beneficiary.id),
            family=str((beneficiary.participant_id or beneficiary).id),
            care_date=sheet.care_date,
            rights=self.rights_of(beneficiary, sheet.care_date),
            lines=tuple(ClaimedLine(self.item(line), line.quantity, line.amount) for line in lines),
            authorized=bool(authorization and authorization.state == "granted"),
        )


class SiamoSettlementBatch(models.Model):
    """The care sheets of one provider over a period, settled by the IPM's rules. A batch is
    settled again as often as needed until it is validated; then it never changes and the
    provider's bill is in the books."""

    _name = "siamo.settlement.batch"
    _description = "Settlement Batch"
    _inherit = ["siamo.ipm.mixin", "siamo.numbered.mixin", "mail.thread", "mail.activity.mixin"]
    _sequence_code = "siamo.settlement.batch"
    _order = "date_to desc, id desc"

    name = fields.Char(string="Batch Number")
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        required=True,
        index=True,
        domain="[('siamo_is_provider', '=', True)]",
        tracking=True,
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
    fse_count = fields.Integer(compute="_compute_amounts")
    amount_claimed = fields.Integer(string="Claimed (FCFA)", compute="_compute_amounts")
    amount_allowed = fields.Integer(string="Allowed (FCFA)", compute="_compute_amounts")
    ipm_share = fields.Integer(string="IPM Share (FCFA)", compute="_compute_amounts")
    copayment = fields.Integer(string="Co-payment (FCFA)", compute="_compute_amounts")
    move_id = fields.Many2one("account.move", string="Provider Bill", readonly=True, copy=False)
    payment_state = fields.Selection(related="move_id.payment_state", string="Payment")

    _sql_constraints = [
        ("dates_in_order", "CHECK(date_to >= date_from)", "A batch ends after it starts."),
    ]

    @api.depends("fse_ids.amount_claimed", "fse_ids.ipm_share", "fse_ids.copayment")
    def _compute_amounts(self):
        for batch in self:
            sheets = batch.fse_ids
            batch.fse_count = len(sheets)
            batch.amount_claimed = sum(sheets.mapped("amount_claimed"))
            batch.amount_allowed = sum(sheets.mapped("amount_allowed"))
            batch.ipm_share = sum(sheets.mapped("ipm_share"))
            batch.copayment = sum(sheets.mapped("copayment"))

    def _check_not_validated(self):
        if any(batch.state == "validated" for batch in self):
            raise UserError(self.env._("A validated settlement never changes."))

    # ------------------------------------------------------------------ settle

    def action_settle(self):
        """Take the provider's received sheets of the period and settle them all again."""
        self._check_not_validated()
        for batch in self:
            batch._collect()
            batch._settle_sheets()
            batch.state = "settled"

    def _collect(self):
        self.env["siamo.fse"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("provider_id", "=", self.provider_id.id),
                ("care_date", ">=", self.date_from),
                ("care_date", "<=", self.date_to),
                ("state", "in", ("received", "qualified")),
                ("settlement_batch_id", "=", False),
            ]
        ).settlement_batch_id = self

    def _settle_sheets(self):
        sheets = self.fse_ids.sorted(lambda sheet: (sheet.care_date, sheet.id))
        history = self._history(sheets)
        rules_of = self._rules_by_date(sheets)
        core = _CoreInputs(self.env, self.company_id)
        line_rows, sheet_rows = [], []
        for sheet in sheets:
            lines = sheet.line_ids.sorted("sequence")
            result = settle(core.sheet(sheet, lines), rules_of(sheet.care_date), history)
            for line, outcome in zip(lines, result.lines, strict=True):
                line_rows.append(
                    (
                        line.id,
                        outcome.status,
                        " ".join(outcome.reasons),
                        outcome.allowed,
                        outcome.ipm_share,
                        outcome.copayment,
                        core.act_class_id(line),
                    )
                )
            allowed = sum(outcome.allowed for outcome in result.lines)
            sheet_rows.append((sheet.id, allowed, result.ipm_share, result.copayment, "qualified"))
        # a hundred thousand sheets make a million lines: one UPDATE a page, not one each
        bulk_update(self.env["siamo.fse.line"], LINE_RESULT_FIELDS, line_rows)
        bulk_update(self.env["siamo.fse"], SHEET_RESULT_FIELDS, sheet_rows)

    def _rules_by_date(self, sheets):
        """A function giving the engine's rules on a care date (the package and the agreement
        in force then), each date computed once."""
        cache = {}
        packages = self.env["siamo.care.package"].search(
            [("company_id", "=", self.company_id.id), ("state", "=", "validated")],
            order="date_start desc",
        )
        agreements = self.env["siamo.agreement"]

        def rules_on(on_date):
            if on_date not in cache:
                package = packages.filtered(lambda p: p.date_start <= on_date)[:1]
                agreement = agreements._in_force(self.company_id, self.provider_id, on_date)
                prices = defaultdict(list)
                for price in agreement.price_ids._to_core():
                    prices[price.item_code].append(price)
                values = self.env["siamo.key.letter.value"].search(
                    [("schedule_id", "=", agreement.schedule_id.id), ("date_from", "<=", on_date)]
                )
                cache[on_date] = Rules(
                    package=tuple(package.line_ids._to_core()),
                    key_letter_values=tuple(values._to_core()),
                    schedule=agreement.schedule_id.code or None,
                    agreement_prices={code: tuple(p) for code, p in prices.items()},
                    coverage_rate=(
                        self._rate(agreement.coverage_rate) if agreement.coverage_rate else None
                    ),
                )
            return cache[on_date]

        return rules_on

    @staticmethod
    def _rate(percent):
        return Decimal(str(percent)) / 100

    def _history(self, sheets):
        """What validated settlements of these families already paid, in the years concerned."""
        history = History()
        families = sheets.beneficiary_id.participant_id | sheets.beneficiary_id.filtered(
            lambda b: not b.participant_id
        )
        years = {sheet.care_date.year for sheet in sheets}
        if not years:
            return history
        paid = self.env["siamo.fse.line"].search(
            [
                ("fse_id.settlement_batch_id.state", "=", "validated"),
                ("fse_id.company_id", "=", self.company_id.id),
                "|",
                ("fse_id.beneficiary_id", "in", families.ids),
                ("fse_id.beneficiary_id.participant_id", "in", families.ids),
                ("fse_id.care_date", ">=", f"{min(years)}-01-01"),
                ("fse_id.care_date", "<=", f"{max(years)}-12-31"),
                ("settlement_status", "in", ("accepted", "reduced")),
            ]
        )
        for line in paid:
            sheet = line.fse_id
            beneficiary = sheet.beneficiary_id
            family = str((beneficiary.participant_id or beneficiary).id)
            item = line.act_id or line.medicine_id
            act_class = item.act_class_id.code
            year = sheet.care_date.year
            history.beneficiary_year[(year, str(beneficiary.id), act_class)] += line.ipm_share
            history.family_year[(year, family, act_class)] += line.ipm_share
            history.acts[(str(beneficiary.id), item.code)].append(sheet.care_date)
            history.settled.add(
                (str(beneficiary.id), item.code, sheet.care_date, str(sheet.provider_id.id))
            )
        return history

    # ------------------------------------------------------------------ validate and pay

    def action_validate(self):
        """Freeze the batch and book the provider's bill for the IPM's share."""
        for batch in self:
            if batch.state != "settled":
                raise UserError(
                    self.env._("Settle the batch %(name)s before validating it.", name=batch.name)
                )
            batch.move_id = batch._create_bill()
            batch.fse_ids.with_context(tracking_disable=True).write({"state": "settled"})
            batch.state = "validated"

    def _bill_lines(self):
        shares = self.env["siamo.fse.line"]._read_group(
            [("fse_id.settlement_batch_id", "=", self.id), ("ipm_share", ">", 0)],
            ["act_class_id"],
            ["ipm_share:sum"],
        )
        return [
            fields.Command.create(
                {
                    "name": self.env._(
                        "%(batch)s – %(act_class)s", batch=self.name, act_class=act_class.name
                    ),
                    "quantity": 1,
                    "price_unit": amount,
                    "account_id": self.company_id._siamo_care_expense_account(act_class).id,
                    "tax_ids": [fields.Command.clear()],
                }
            )
            for act_class, amount in sorted(shares, key=lambda group: group[0].sequence)
        ]

    def _create_bill(self):
        lines = self._bill_lines()
        if not lines:
            return self.env["account.move"]
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "company_id": self.company_id.id,
                "partner_id": self.provider_id.id,
                "invoice_date": self.date_to,
                "ref": self.name,
                "invoice_line_ids": lines,
            }
        )
        bill.action_post()
        return bill

    def action_view_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
