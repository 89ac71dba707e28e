"""Settling a batch: the engine's inputs read from the sheets, the rules of the package and
the agreements, the history of what validated settlements already paid, and the bulk writing
of the results."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from odoo import models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_insert, bulk_update
from odoo.osv import expression
from odoo.tools import SQL

from siamo_core.eligibility import eligibility
from siamo_core.medical_control import SettledSheet, control_sample
from siamo_core.settlement import ClaimedLine, History, Rules, Sheet, settle

SHEET_RESULT_FIELDS = (
    "settlement_batch_id",
    "amount_allowed",
    "ipm_share",
    "copayment",
    "state",
    "control_reasons",
    "control_state",
    "control_ipm_share",
    "copayment_advanced",
)
LINE_RESULT_FIELDS = (
    "fse_line_id",
    "act_class",
    "status",
    "reason_codes",
    "allowed",
    "ipm_share",
    "copayment",
)


class _CoreInputs:
    """The sheets of a batch as the engine reads them. A batch holds up to a hundred thousand
    sheets: their lines are read with one query, each item, rule and beneficiary once."""

    def __init__(self, env, company):
        self.env, self.company = env, company
        self.ipm_rules, self.covers = {}, {}

    def load(self, sheets):
        """Read the sheets of ``sheets`` (a query of their ids) and their lines."""
        env = self.env
        env.flush_all()
        self.sheets = env.execute_query(
            SQL(
                """SELECT f.id, f.name, f.beneficiary_id, f.care_date, f.provider_id,
                          COALESCE(a.state = 'granted', FALSE)
                     FROM siamo_fse f
                LEFT JOIN siamo_care_authorization a ON a.id = f.authorization_id
                    WHERE f.id IN %s
                 ORDER BY f.care_date, f.id""",
                sheets.subselect(),
            )
        )
        self.lines = defaultdict(list)
        for row in env.execute_query(
            SQL(
                """SELECT l.fse_id, l.id, l.act_id, l.medicine_id, l.quantity, l.amount
                     FROM siamo_fse_line l
                    WHERE l.fse_id = ANY(%s)
                 ORDER BY l.fse_id, l.sequence, l.id""",
                [row[0] for row in self.sheets],
            )
        ):
            self.lines[row[0]].append(row[1:])
        rows = [line for lines in self.lines.values() for line in lines]
        acts = env["siamo.act"].browse({row[1] for row in rows if row[1]})
        medicines = env["siamo.medicine"].browse({row[2] for row in rows if row[2]})
        self.items = {("act", act.id): act._to_core_item() for act in acts}
        self.items.update(
            {("medicine", medicine.id): medicine._to_core_item() for medicine in medicines}
        )
        beneficiaries = env["siamo.beneficiary"].browse({row[2] for row in self.sheets})
        self.beneficiaries = {b.id: b for b in beneficiaries}
        self.members = {b.id: b._core_member() for b in beneficiaries}
        self.families = {b.id: str((b.participant_id or b).id) for b in beneficiaries}

    def item(self, act_id, medicine_id):
        return self.items[("act", act_id) if act_id else ("medicine", medicine_id)]

    def cover_of(self, beneficiary_id, on_date):
        """The IPM's rules on ``on_date`` and the beneficiary's cover under them."""
        if on_date not in self.ipm_rules:
            self.ipm_rules[on_date] = self.env["siamo.ipm.rule"]._rules_on(self.company, on_date)
        rules = self.ipm_rules[on_date]
        key = (beneficiary_id, id(rules))
        if key not in self.covers:
            self.covers[key] = self.beneficiaries[beneficiary_id]._core_cover(rules)
        return rules, self.covers[key]

    def rights_of(self, beneficiary_id, on_date):
        rules, cover = self.cover_of(beneficiary_id, on_date)
        return eligibility(self.members[beneficiary_id], cover, rules, on_date)

    def read_ahead(self, terms_of):
        """Read now all that settling the sheets will ask the database: their results are
        stored while they are computed, and that COPY holds the connection to the end."""
        for _id, _name, beneficiary_id, care_date, provider_id, _authorized in self.sheets:
            self.cover_of(beneficiary_id, care_date)
            terms_of(provider_id, care_date)

    def sheets_to_settle(self):
        """``(sheet id, line rows, core sheet)`` in the order of care."""
        for sheet_id, name, beneficiary_id, care_date, provider_id, authorized in self.sheets:
            lines = self.lines[sheet_id]
            yield (
                sheet_id,
                lines,
                Sheet(
                    sheet_id=name,
                    provider=str(provider_id),
                    beneficiary=str(beneficiary_id),
                    family=self.families[beneficiary_id],
                    care_date=care_date,
                    rights=self.rights_of(beneficiary_id, care_date),
                    lines=tuple(
                        ClaimedLine(self.item(act_id, medicine_id), quantity, amount)
                        for _id, act_id, medicine_id, quantity, amount in lines
                    ),
                    authorized=authorized,
                ),
            )


class _SettlementRun:
    """One run of a batch's settlement: the results of its lines as the engine computes them,
    then the totals of its sheets and what the medical control samples from."""

    def __init__(self, batch, core, terms_of, history):
        self.batch_id, self.core, self.terms_of, self.history = batch.id, core, terms_of, history
        self.settled, self.totals = [], []

    def line_results(self):
        """Rows of ``LINE_RESULT_FIELDS``, a sheet after the other in the order of care."""
        for sheet_id, lines, sheet in self.core.sheets_to_settle():
            rules, advance = self.terms_of(int(sheet.provider), sheet.care_date)
            result = settle(sheet, rules, self.history)
            self.settled.append(self._settled_sheet(sheet_id, sheet, result))
            for (line_id, *_rest), claimed, outcome in zip(
                lines, sheet.lines, result.lines, strict=True
            ):
                yield (
                    line_id,
                    claimed.item.act_class,
                    outcome.status,
                    " ".join(outcome.reasons),
                    outcome.allowed,
                    outcome.ipm_share,
                    outcome.copayment,
                )
            allowed = sum(outcome.allowed for outcome in result.lines)
            advanced = result.copayment if advance else 0
            self.totals.append((sheet_id, allowed, result.ipm_share, result.copayment, advanced))

    def sheet_rows(self, sample):
        """Rows of ``SHEET_RESULT_FIELDS`` (with the sheet's id first)."""
        for sheet_id, allowed, share, copayment, advanced in self.totals:
            yield (
                sheet_id,
                self.batch_id,
                allowed,
                share,
                copayment,
                "qualified",
                " ".join(sample.get(sheet_id, ())),
                "to_review" if sheet_id in sample else "none",
                share,
                advanced,
            )

    @staticmethod
    def _settled_sheet(sheet_id, sheet, result):
        """The sheet as the medical control sample reads it."""
        by_class = defaultdict(int)
        for claimed in sheet.lines:
            by_class[claimed.item.act_class] += claimed.claimed
        return SettledSheet(
            sheet_id=sheet_id,
            provider=sheet.provider,
            beneficiary=sheet.beneficiary,
            care_date=sheet.care_date,
            act_class=max(by_class, key=by_class.get) if by_class else "",
            amount=result.claimed,
            settlement_reasons=frozenset(code for line in result.lines for code in line.reasons),
        )


class SiamoSettlementBatch(models.Model):
    # the batch is split by what its methods do: one file for settling, one for the bill
    _inherit = "siamo.settlement.batch"  # pylint: disable=consider-merging-classes-inherited

    def _sheets_to_settle(self):
        """A query of the sheets this run settles: those the batch holds, and the received
        sheets of its provider (or of the participant's family) over the period that no batch
        holds yet. The settlement writes them into the batch with their results."""
        if self.payee == "provider":
            whose = [("provider_id", "=", self.provider_id.id)]
        else:
            family = self.participant_id | self.participant_id.dependent_ids
            whose = [("beneficiary_id", "in", family.ids)]
        received = [
            ("company_id", "=", self.company_id.id),
            ("payee", "=", self.payee),
            *whose,
            ("care_date", ">=", self.date_from),
            ("care_date", "<=", self.date_to),
            ("state", "in", ("received", "qualified")),
            ("settlement_batch_id", "=", False),
        ]
        return self.env["siamo.fse"]._search(
            expression.OR([[("settlement_batch_id", "=", self.id)], received])
        )

    def _settle_sheets(self, sheets):
        core = _CoreInputs(self.env, self.company_id)
        core.load(sheets)
        history = self._history(
            {int(family) for family in core.families.values()},
            [care_date for _i, _n, _b, care_date, _p, _a in core.sheets],
        )
        terms_of = self._terms()
        core.read_ahead(terms_of)
        run = _SettlementRun(self, core, terms_of, history)
        self._clear_results()
        # a hundred thousand sheets make a million lines: PostgreSQL stores them while the
        # engine settles the next sheets; the sheets join the batch with their totals in one
        # UPDATE
        bulk_insert(self.env["siamo.settlement.line"], LINE_RESULT_FIELDS, run.line_results())
        thresholds = self.env["siamo.ipm.rule"]._control_rules_on(self.company_id, self.date_to)
        sample = control_sample(run.settled, thresholds, seed=self.name)
        bulk_update(self.env["siamo.fse"], SHEET_RESULT_FIELDS, run.sheet_rows(sample))

    def _clear_results(self):
        """Forget the results of an earlier run (nothing refers to them, and a batch of a
        hundred thousand sheets holds a million)."""
        self.env["siamo.settlement.line"].check_access("unlink")
        self.env.flush_all()
        self.env.cr.execute(
            """DELETE FROM siamo_settlement_line r
                     USING siamo_fse_line l, siamo_fse f
                     WHERE r.fse_line_id = l.id AND l.fse_id = f.id
                       AND f.settlement_batch_id IN %s""",
            [tuple(self.ids)],
        )
        self.env.invalidate_all()

    def _terms(self):
        """A function giving, for a provider and a care date, the engine's rules (the package
        and the agreement in force then) and whether the IPM advances the co-payment. The
        rules of one package and one agreement serve all their dates (the engine takes the
        key letter values and prices in force on each sheet's date), so what the engine works
        out for an item is worked out once. A participant who paid the provider himself is
        reimbursed by the same rules, but the IPM advanced nothing."""
        terms, rules_of, agreements_of = {}, {}, {}
        packages = self.env["siamo.care.package"]._validated_of(self.company_id)

        def agreements(provider_id):
            if provider_id not in agreements_of:
                agreements_of[provider_id] = self.env["siamo.agreement"]._active_of(
                    self.company_id, self.env["res.partner"].browse(provider_id)
                )
            return agreements_of[provider_id]

        def rules(package, agreement):
            if (package, agreement) not in rules_of:
                rules_of[package, agreement] = self._rules(package, agreement)
            return rules_of[package, agreement]

        def terms_on(provider_id, on_date):
            if (provider_id, on_date) not in terms:
                agreement = agreements(provider_id)._in_force_on(on_date)
                advance = (
                    self.payee == "provider"
                    and agreement.direct_payment
                    and agreement.advance_copayment
                )
                package = packages._in_force_on(on_date)
                terms[provider_id, on_date] = (rules(package, agreement), advance)
            return terms[provider_id, on_date]

        return terms_on

    def _rules(self, package, agreement):
        prices = defaultdict(list)
        for price in agreement.price_ids._to_core():
            prices[price.item_code].append(price)
        values = self.env["siamo.key.letter.value"].search(
            [("schedule_id", "=", agreement.schedule_id.id)]
        )
        return Rules(
            package=tuple(package.line_ids._to_core()),
            key_letter_values=tuple(values._to_core()),
            schedule=agreement.schedule_id.code or None,
            agreement_prices={code: tuple(p) for code, p in prices.items()},
            coverage_rate=self._rate(agreement.coverage_rate) if agreement.coverage_rate else None,
            frequency_limits=package.line_ids._frequency_limits(),
        )

    @staticmethod
    def _rate(percent):
        return Decimal(str(percent)) / 100

    def _history(self, families, care_dates):
        """What validated settlements of these families already paid: the yearly sums the
        ceilings need over the years of ``care_dates``, the care paid on those dates (for
        the duplicates), and the acts of the care a frequency limit counts, from the longest
        window before the first date. A year of a large IPM holds millions of results:
        PostgreSQL sums them and reads only the rows that count."""
        history = History()
        if not care_dates or not families:
            return history
        self.env["siamo.settlement.line"].check_access("read")
        self.env.flush_all()
        first, last = min(care_dates), max(care_dates)
        year_end = date(last.year, 12, 31)
        yearly = self._paid_results(
            SQL(
                """EXTRACT(YEAR FROM f.care_date)::int, f.beneficiary_id,
                   COALESCE(b.participant_id, b.id), r.act_class, SUM(r.ipm_share)"""
            ),
            families,
            date(first.year, 1, 1),
            year_end,
            group_by=SQL("1, 2, 3, 4"),
        )
        for year, beneficiary, family, act_class, share in yearly:
            history.beneficiary_year[(year, str(beneficiary), act_class)] += share
            history.family_year[(year, str(family), act_class)] += share
        care = SQL("f.beneficiary_id, COALESCE(a.code, m.code), f.care_date, f.provider_id")
        for beneficiary, code, care_date, provider in self._paid_results(
            care, families, first, last
        ):
            history.settled.add((str(beneficiary), code, care_date, str(provider)))
        limited, days = self._frequency_limited()
        if limited:
            counted = SQL(
                "AND (r.act_class = ANY(%s) OR COALESCE(a.code, m.code) = ANY(%s))",
                limited,
                limited,
            )
            since = first - timedelta(days=days)
            acts = SQL("f.beneficiary_id, COALESCE(a.code, m.code), r.act_class, f.care_date")
            for beneficiary, code, act_class, care_date in self._paid_results(
                acts, families, since, year_end, counted
            ):
                history.record_act(str(beneficiary), code, act_class, care_date)
        return history

    def _frequency_limited(self):
        """The item and act class codes the IPM's packages limit in frequency, and the
        longest window in days."""
        packages = self.env["siamo.care.package"]._validated_of(self.company_id)
        limits = packages.line_ids._frequency_limits()
        return sorted(limits), max((limit.days for limit in limits.values()), default=0)

    def _paid_results(self, columns, families, date_from, date_to, where=None, group_by=None):
        """``columns`` of the results validated settlements paid to these families for care
        between the two dates."""
        return self.env.execute_query(
            SQL(
                """SELECT %s
                     FROM siamo_settlement_line r
                     JOIN siamo_fse_line l ON l.id = r.fse_line_id
                     JOIN siamo_fse f ON f.id = l.fse_id
                     JOIN siamo_settlement_batch s ON s.id = f.settlement_batch_id
                     JOIN siamo_beneficiary b ON b.id = f.beneficiary_id
                LEFT JOIN siamo_act a ON a.id = l.act_id
                LEFT JOIN siamo_medicine m ON m.id = l.medicine_id
                    WHERE s.state = 'validated' AND s.company_id = %s
                      AND COALESCE(b.participant_id, b.id) = ANY(%s)
                      AND f.care_date BETWEEN %s AND %s
                      AND r.status IN ('accepted', 'reduced')
                   %s %s""",
                columns,
                self.company_id.id,
                sorted(families),
                date_from,
                date_to,
                where or SQL(),
                SQL("GROUP BY %s", group_by) if group_by else SQL(),
            )
        )
