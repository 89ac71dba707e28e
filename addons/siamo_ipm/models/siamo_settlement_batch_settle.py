"""Settling a batch: the engine settles its sheets family by family (all of them at once, or a
chunk of families per background job), the results are written with COPY while it computes,
and the medical control samples them."""

import gc
from contextlib import contextmanager

from odoo import api, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_insert, bulk_update
from odoo.osv import expression
from odoo.tools import SQL

from siamo_core.medical_control import SettledSheet, control_sample, dominant_act_class
from siamo_core.settlement import settle

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
    "batch_id",
    "act_class",
    "status",
    "reason_codes",
    "allowed",
    "ipm_share",
    "copayment",
)


@contextmanager
def _cyclic_gc_paused():
    """Python's cycle collector paused: settling builds millions of small objects (the
    engine's inputs and results, the rows COPY reads), none of them in a cycle, and the
    collector would walk them all again and again (a third of the time outside the engine).
    Reference counting still frees them; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class SiamoSettlementBatch(models.Model):
    # the batch is split by what its methods do: what it reads, settling, jobs, the bill
    _inherit = "siamo.settlement.batch"  # pylint: disable=consider-merging-classes-inherited

    # what the settlement writes, in the order of _prepare_settlement_line_values and
    # _prepare_settlement_sheet_values: an addon that writes more extends both
    _settlement_line_fields = LINE_RESULT_FIELDS
    _settlement_sheet_fields = SHEET_RESULT_FIELDS

    def _sheets_to_settle_domain(self, families=None):
        """The sheets this run settles: those the batch holds, and the received sheets of its
        provider (or of the participant's family) over the period that no batch holds yet;
        only those of ``families`` (participant ids) when given. The settlement writes them
        into the batch with their results."""
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
        domain = expression.OR([[("settlement_batch_id", "=", self.id)], received])
        if families is None:
            return domain
        members = self.env.execute_query(
            SQL(
                "SELECT id FROM siamo_beneficiary WHERE COALESCE(participant_id, id) = ANY(%s)",
                list(families),
            )
        )
        return expression.AND([domain, [("beneficiary_id", "in", [row[0] for row in members])]])

    def _sheets_to_settle(self, families=None):
        """A query of the sheets :meth:`_sheets_to_settle_domain` names."""
        return self.env["siamo.fse"]._search(self._sheets_to_settle_domain(families))

    def _settle_now(self):
        """Settle the batch in this transaction: for a batch of a few thousand sheets."""
        self._settle_sheets(self._sheets_to_settle())
        self._siamo_protected().state = "settled"

    def _settle_sheets(self, sheets):
        """Settle ``sheets`` (a query of their ids; whole families: the engine's ceilings,
        frequencies and duplicates read a family's earlier sheets), sample them for the
        medical control, and write their results in place of any earlier ones: a chunk
        settled twice writes the same. Returns the number of sheets."""
        with _cyclic_gc_paused():
            inputs = self._settlement_inputs(sheets)
            sheet_ids = [sheet_id for sheet_id, _lines, _sheet in inputs]
            core_sheets = [sheet for _id, _lines, sheet in inputs]
            history = self._settlement_history(
                {int(sheet.family) for sheet in core_sheets},
                [sheet.care_date for sheet in core_sheets],
            )
            terms = self._settlement_terms(
                {(int(sheet.provider), sheet.care_date) for sheet in core_sheets}
            )
            thresholds = self.env["siamo.ipm.rule"]._control_rules_on(self.company_id, self.date_to)
            self._clear_results(sheet_ids)
            settled = []
            # a hundred thousand sheets make a million lines: PostgreSQL stores them while
            # the engine settles the next sheets; the sheets join the batch with their totals
            # in one UPDATE
            bulk_insert(
                self.env["siamo.settlement.line"],
                self._settlement_line_fields,
                self._settlement_results(inputs, terms, history, settled),
            )
            sample = self._settlement_sample(settled, thresholds)
            bulk_update(
                self.env["siamo.fse"],
                self._settlement_sheet_fields,
                (
                    self._prepare_settlement_sheet_values(sheet_id, result, advance, sample)
                    for sheet_id, _sheet, result, advance in settled
                ),
            )
        return len(inputs)

    def _settlement_results(self, inputs, terms, history, settled):
        """The values of each line's result, a sheet after the other in the order of care;
        each sheet's ``(id, Sheet, SheetResult, advance)`` is appended to ``settled``. A
        generator COPY reads: it must not query the database."""
        prepare_line = self._prepare_settlement_line_values
        for sheet_id, line_ids, sheet in inputs:
            rules, advance = terms[int(sheet.provider), sheet.care_date]
            result = settle(sheet, rules, history)
            for line_id, claimed, outcome in zip(line_ids, sheet.lines, result.lines, strict=True):
                yield prepare_line(line_id, claimed, outcome)
            settled.append((sheet_id, sheet, result, advance))

    def _prepare_settlement_line_values(self, line_id, claimed, outcome):
        """The values of ``_settlement_line_fields`` for the line ``line_id``: ``claimed`` its
        engine's ClaimedLine, ``outcome`` its LineResult. Called a million times for a large
        batch, without the database."""
        return (
            line_id,
            self.id,
            claimed.item.act_class,
            outcome.status,
            " ".join(outcome.reasons),
            outcome.allowed,
            outcome.ipm_share,
            outcome.copayment,
        )

    def _prepare_settlement_sheet_values(self, sheet_id, result, advance, sample):
        """The id and the values of ``_settlement_sheet_fields`` for the sheet ``sheet_id``:
        ``result`` its engine's SheetResult, ``advance`` whether the IPM advances its
        co-payment, ``sample`` the medical control's ``{sheet id: reasons}``."""
        allowed = sum(outcome.allowed for outcome in result.lines)
        share = result.ipm_share
        reasons = sample.get(sheet_id)
        return (
            sheet_id,
            self.id,
            allowed,
            share,
            result.copayment,
            "qualified",
            " ".join(reasons or ()),
            "to_review" if reasons else "none",
            share,
            result.copayment if advance else 0,
        )

    def _settlement_sample(self, settled, thresholds):
        """``{sheet id: control reasons}``: the settled sheets the medical officer reviews.

        The control compares a provider's cost per sheet with other providers' and counts
        a beneficiary's providers on one day: a batch pays one provider or reimburses one
        family, whose sheets all settle together, so the sample of a chunk of families is
        the batch's own."""
        return control_sample(
            [self._settlement_control_sheet(*values) for values in settled],
            thresholds,
            seed=self.name,
        )

    @staticmethod
    def _settlement_control_sheet(sheet_id, sheet, result, _advance):
        """The settled sheet as the medical control sample reads it."""
        return SettledSheet(
            sheet_id=sheet_id,
            provider=sheet.provider,
            beneficiary=sheet.beneficiary,
            care_date=sheet.care_date,
            act_class=dominant_act_class(
                [(claimed.item.act_class, claimed.claimed) for claimed in sheet.lines]
            ),
            amount=result.claimed,
            settlement_reasons=frozenset(
                code for line in result.lines if line.reasons for code in line.reasons
            ),
        )

    def _clear_results(self, sheet_ids):
        """Forget the results an earlier run wrote for these sheets (nothing refers to them,
        and a batch of a hundred thousand sheets holds a million)."""
        self.env["siamo.settlement.line"].check_access("unlink")
        self.env["siamo.fse"].browse(sheet_ids)._delete_line_results()

    @api.ondelete(at_uninstall=False)
    def _unlink_results(self):
        """A batch deleted before it is validated takes its results with it, and lets its
        sheets go (no foreign key does it, see ``siamo.fse.settlement_batch_id``): they go to
        the next batch of their provider (or participant) that settles their period."""
        self.env["siamo.fse.line"]._delete_settlement_results(SQL("r.batch_id = ANY(%s)", self.ids))
        self.env.execute_query(
            SQL(
                """UPDATE siamo_fse SET settlement_batch_id = NULL
                    WHERE settlement_batch_id = ANY(%s)""",
                self.ids,
            )
        )
        self.env["siamo.fse"].invalidate_model(["settlement_batch_id"])
        self.invalidate_recordset(["fse_ids"])
