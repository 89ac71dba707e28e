from datetime import timedelta
from decimal import Decimal

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import AccessError, UserError

from siamo_core.icamo.scorecard import ScoreLine, recommendations

from .siamo_icamo_indicator import INDICATOR_LABELS, STATUSES

OPEN_STATES = ("issued", "acknowledged", "in_progress")
# how long an IPM has, by default, to act on a recommendation
DUE_DAYS = 90
ANALYST = "siamo_icamo.group_icamo_analyst"
CORRESPONDENT = "siamo_icamo.group_icamo_correspondent"


def _decimal(value):
    return None if value is None or value is False else Decimal(str(value))


class SiamoIcamoRecommendation(models.Model):
    """A recommendation ICAMO makes to an IPM from its scorecard (an indicator in breach of a
    norm or to watch), followed until it is done: the IPM acknowledges it and answers, ICAMO
    follows it and closes it."""

    _name = "siamo.icamo.recommendation"
    _description = "Recommendation to an IPM"
    _inherit = ["siamo.icamo.mixin", "siamo.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due, id desc"
    _siamo_protected_fields = (
        "ipm_id",
        "indicator",
        "period",
        "status",
        "value",
        "norm",
        "text",
        "date_issued",
        "date_due",
        "state",
        "response",
        "response_date",
    )

    name = fields.Char(compute="_compute_name")
    ipm_id = fields.Many2one(
        "siamo.icamo.ipm",
        string="IPM",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    indicator = fields.Selection(INDICATOR_LABELS, required=True, readonly=True)
    period = fields.Date(
        string="Scorecard Month", required=True, readonly=True, help="The month of the scorecard."
    )
    status = fields.Selection(STATUSES, string="Scorecard Status", readonly=True)
    value = fields.Float(digits=(16, 2), readonly=True)
    norm = fields.Float(digits=(16, 2), readonly=True)
    text = fields.Text(string="Recommendation", required=True, readonly=True)
    date_issued = fields.Date(string="Issued On", required=True, readonly=True)
    date_due = fields.Date(string="Due Date", required=True, readonly=True, tracking=True)
    state = fields.Selection(
        [
            ("issued", "Issued"),
            ("acknowledged", "Acknowledged"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="issued",
        required=True,
        readonly=True,
        tracking=True,
    )
    response = fields.Text(string="IPM's Response", readonly=True, tracking=True)
    response_date = fields.Datetime(string="Answered On", readonly=True)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.depends("ipm_id", "indicator")
    def _compute_name(self):
        labels = dict(INDICATOR_LABELS)
        for record in self:
            indicator = dict(self._fields["indicator"]._description_selection(self.env)).get(
                record.indicator, labels.get(record.indicator, "")
            )
            record.name = f"{record.ipm_id.name or ''} — {indicator}"

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.is_overdue = record.state in OPEN_STATES and record.date_due < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue recommendations with “is set” only."))
        overdue = [
            ("state", "in", OPEN_STATES),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    # ------------------------------------------------------------------ issuing

    @api.model
    def _issue(self, ipm, due_days=DUE_DAYS):
        """The recommendations of ``ipm``'s latest scorecard (its indicators of the latest
        month), but for those an open recommendation already makes."""
        self._check_group(ANALYST)
        self.check_access("create")
        lines = self._latest_scorecard(ipm)
        if not lines:
            raise UserError(
                self.env._("%(ipm)s has no indicator yet: no scorecard to follow.", ipm=ipm.name)
            )
        open_ones = set(
            self.search([("ipm_id", "=", ipm.id), ("state", "in", OPEN_STATES)]).mapped("indicator")
        )
        period, by_code = lines
        messages = {message.code: message for message in recommendations(by_code.values())}
        today = fields.Date.context_today(self)
        values = []
        for line in by_code.values():
            code = f"RECO_{line.indicator.upper()}"
            if code not in messages or line.indicator in open_ones:
                continue
            values.append(
                {
                    "company_id": ipm.company_id.id,
                    "ipm_id": ipm.id,
                    "indicator": line.indicator,
                    "period": period,
                    "status": line.status,
                    "value": float(line.value) if line.value is not None else False,
                    "norm": float(line.norm) if line.norm is not None else False,
                    "text": core_error_message(self.env, messages[code]),
                    "date_issued": today,
                    "date_due": today + timedelta(days=due_days),
                }
            )
        issued = self._siamo_protected().create(values)
        for record in issued:
            record.message_post(body=self.env._("Recommendation issued to %(ipm)s.", ipm=ipm.name))
        return issued

    def _latest_scorecard(self, ipm):
        """``(month, {indicator: ScoreLine})`` of the IPM's latest indicators, or None."""
        Indicator = self.env["siamo.icamo.indicator"]
        latest = Indicator.search(
            [("scope", "=", "ipm"), ("ipm_id", "=", ipm.id)], order="period desc", limit=1
        )
        if not latest:
            return None
        rows = Indicator.search(
            [("scope", "=", "ipm"), ("ipm_id", "=", ipm.id), ("period", "=", latest.period)]
        )
        return latest.period, {
            row.indicator: ScoreLine(
                row.indicator,
                _decimal(row.value),
                _decimal(row.reference),
                _decimal(row.norm),
                row.status,
            )
            for row in rows
        }

    # ------------------------------------------------------------------ follow-up

    def _check_group(self, group):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._("Only ICAMO's analysts follow the recommendations up.")
                if group == ANALYST
                else self.env._("Only the IPM's correspondents answer its recommendations.")
            )

    def _move(self, states_from, state, group):
        self._check_group(group)
        self.check_access("write")
        for record in self:
            if record.state not in states_from:
                raise UserError(
                    self.env._(
                        "The recommendation %(name)s is %(state)s: it cannot go to that step.",
                        name=record.name,
                        state=record._siamo_final_reason(),
                    )
                )
        self._siamo_protected().write({"state": state})

    def action_acknowledge(self):
        """The IPM has read the recommendation."""
        self._move(("issued",), "acknowledged", CORRESPONDENT)

    def action_start(self):
        """ICAMO sees the IPM at work on it."""
        self._move(("issued", "acknowledged"), "in_progress", ANALYST)

    def action_done(self):
        self._move(OPEN_STATES, "done", ANALYST)

    def action_cancel(self):
        self._move(OPEN_STATES, "cancelled", ANALYST)

    def action_reopen(self):
        self._move(("done", "cancelled"), "in_progress", ANALYST)

    def set_due_date(self, date_due):
        """ICAMO gives the IPM more (or less) time."""
        self._check_group(ANALYST)
        self.check_access("write")
        self._siamo_protected().write({"date_due": date_due})

    def respond(self, response):
        """The IPM's correspondent answers: what it has done or will do. The answer of an
        open recommendation it has not acknowledged acknowledges it."""
        self._check_group(CORRESPONDENT)
        self.check_access("write")
        if not (response or "").strip():
            raise UserError(self.env._("Write the IPM's response."))
        for record in self:
            if record.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "The recommendation %(name)s is closed: it takes no more response.",
                        name=record.name,
                    )
                )
        protected = self._siamo_protected()
        protected.write({"response": response, "response_date": fields.Datetime.now()})
        protected.filtered(lambda record: record.state == "issued").write({"state": "acknowledged"})
        for record in self:
            record.message_post(
                body=self.env._("Response of the IPM: %(response)s", response=response)
            )
