from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_insert
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message, core_value_text
from odoo.exceptions import UserError
from odoo.tools import SQL

from siamo_core.canonical import canonical_form
from siamo_core.exceptions import SiamoError
from siamo_core.icamo.return_sheet import read_return
from siamo_core.icamo.returns import InvalidReturn, parse_return, period_text
from siamo_core.spreadsheet import read_workbook

FACT_FIELDS = (
    "return_id",
    "company_id",
    "ipm_id",
    "period",
    "measure",
    "value",
    "region",
    "category",
    "sex",
    "age_band",
    "known_from",
)
CHANNELS = [
    ("api", "API"),
    ("soap", "SOAP Pull"),
    ("file", "File"),
]


class SiamoIcamoReturn(models.Model):
    """A monthly return of an IPM, as received: never changed. A correction is a new
    version that supersedes it; both stay, and the warehouse answers as known on any date."""

    _name = "siamo.icamo.return"
    _description = "IPM Return"
    _inherit = [
        "siamo.icamo.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "mail.thread",
    ]
    _sequence_code = "siamo.icamo.return"
    _order = "period desc, ipm_id, version desc"
    _siamo_protected_fields = (
        "ipm_id",
        "period",
        "version",
        "channel",
        "received_at",
        "state",
        "superseded_at",
        "superseded_by_id",
        "document",
    )
    _siamo_protected_unlink = True

    name = fields.Char(string="Acknowledgement Number")
    ipm_id = fields.Many2one(
        "siamo.icamo.ipm",
        string="IPM",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    period = fields.Date(string="Month", required=True, index=True, readonly=True)
    period_label = fields.Char(string="Period", compute="_compute_period_label")
    version = fields.Integer(required=True, default=1, readonly=True)
    channel = fields.Selection(CHANNELS, required=True, default="file", readonly=True)
    received_at = fields.Datetime(string="Received On", required=True, readonly=True)
    state = fields.Selection(
        [("current", "Current"), ("superseded", "Superseded")],
        default="current",
        required=True,
        readonly=True,
        tracking=True,
    )
    superseded_at = fields.Datetime(string="Superseded On", readonly=True)
    superseded_by_id = fields.Many2one("siamo.icamo.return", readonly=True)
    document = fields.Json(readonly=True)
    fact_ids = fields.One2many("siamo.icamo.fact", "return_id", string="Facts")
    fact_count = fields.Integer(string="Number of Facts", compute="_compute_fact_count")

    _sql_constraints = [
        (
            "version_unique",
            "UNIQUE(ipm_id, period, version)",
            "An IPM's return of a month has one version of each number.",
        ),
    ]

    @api.depends("period")
    def _compute_period_label(self):
        for record in self:
            record.period_label = period_text(record.period) if record.period else False

    def _compute_fact_count(self):
        counts = dict(
            self.env["siamo.icamo.fact"]._read_group(
                [("return_id", "in", self.ids)], ["return_id"], ["__count"]
            )
        )
        for record in self:
            record.fact_count = counts.get(record, 0)

    def action_view_facts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Facts of %(number)s", number=self.name),
            "res_model": "siamo.icamo.fact",
            "view_mode": "list,pivot",
            "domain": [("return_id", "=", self.id)],
        }

    # ------------------------------------------------------------------ receiving

    @api.model
    def _receive(self, document, channel):
        """Take an IPM's return: check it, keep it with its facts, and let it supersede the
        return of the same month it corrects. Nothing is written when it is refused: the
        error lists every problem, in the user's language. Returns the new return, whose
        number acknowledges it, or the current one when it is sent again unchanged."""
        self.check_access("create")
        try:
            taken = parse_return(document)
        except InvalidReturn as error:
            raise UserError(self._problems_text(error)) from error
        ipm = self._ipm_of(taken.ipm)
        previous = self.search(
            [("ipm_id", "=", ipm.id), ("period", "=", taken.period), ("state", "=", "current")]
        )
        # compared as their canonical JSON, as the stored one is read back
        if previous and canonical_form(previous.document) == canonical_form(document):
            # the same return again (a retry after a lost answer, a second click): it keeps
            # its acknowledgement and supersedes nothing
            return previous
        now = fields.Datetime.now()
        received = self._siamo_protected().create(
            {
                "company_id": ipm.company_id.id,
                "ipm_id": ipm.id,
                "period": taken.period,
                "version": (previous.version or 0) + 1,
                "channel": channel,
                "received_at": now,
                "document": document,
            }
        )
        received._store_facts(taken.facts)
        if previous:
            previous._supersede(received)
        received.message_post(body=self._acknowledgement(received, previous))
        self.env["siamo.icamo.alert"]._close_late_alerts(ipm, taken.period)
        self.env["siamo.icamo.indicator"]._refresh_later(received.company_id, taken.period)
        return received

    @api.model
    def _spreadsheet_document(self, filename, content):
        """The return document of a filled spreadsheet template (.xlsx or .xls), and the
        problems of the file: ``(document, [])``, or ``(None, problems)`` where each problem
        is ``{"sheet", "row", "column", "value", "reason"}``, its reason in the user's
        language. Writes nothing."""
        try:
            tables = read_workbook(filename or "", content)
        except SiamoError as error:
            problem = {"sheet": "", "row": False, "column": "", "value": ""}
            return None, [{**problem, "reason": core_error_message(self.env, error)}]
        regions, act_classes = self._sheet_references()
        read = read_return(tables, regions, act_classes)
        return read.document, [
            {
                "sheet": error.sheet,
                "row": error.row or False,
                "column": error.column,
                "value": core_value_text(self.env, error.value),
                "reason": core_error_message(self.env, error.reason),
            }
            for error in read.errors
        ]

    @api.model
    def _sheet_references(self):
        """The codes a spreadsheet's régions and act classes may take, with their names."""
        # sudo: the national referentials, which every IPM's correspondent may name
        regions = self.env["siamo.region"].sudo().search([("code", "!=", False)], order="code")
        act_classes = self.env["siamo.act.class"].sudo().search([("code", "!=", False)])
        return (
            {region.code: region.name for region in regions},
            {act.code: act.name for act in act_classes},
        )

    def _ipm_of(self, code):
        ipm = self.env["siamo.icamo.ipm"].search(
            [("code", "=", code), ("company_id", "in", self.env.companies.ids)], limit=1
        )
        if not ipm:
            raise UserError(
                self.env._("No IPM followed by ICAMO has the code “%(code)s”.", code=code)
            )
        return ipm

    def _problems_text(self, error):
        lines = [core_error_message(self.env, problem) for problem in error.problems]
        return "\n".join([core_error_message(self.env, error), *lines])

    def _acknowledgement(self, received, previous):
        if previous:
            return self.env._(
                "Return received and acknowledged under number %(number)s: version %(version)s, "
                "it supersedes %(previous)s.",
                number=received.name,
                version=received.version,
                previous=previous.name,
            )
        return self.env._(
            "Return received and acknowledged under number %(number)s.", number=received.name
        )

    def _store_facts(self, facts):
        """The return's facts in the warehouse, known from its reception: one COPY."""
        values = (self.id, self.company_id.id, self.ipm_id.id, self.period)
        bulk_insert(
            self.env["siamo.icamo.fact"].sudo(),
            FACT_FIELDS,
            (
                (
                    *values,
                    f.measure,
                    f.value,
                    f.region,
                    f.category,
                    f.sex,
                    f.age_band,
                    self.received_at,
                )
                for f in facts
            ),
        )
        self.env["siamo.icamo.cell"]._store(self, facts)

    def _supersede(self, correction):
        """This return is replaced by ``correction`` from now on: its facts stay, known
        until then."""
        self._siamo_protected().write(
            {
                "state": "superseded",
                "superseded_at": correction.received_at,
                "superseded_by_id": correction.id,
            }
        )
        self.env.flush_all()
        for table in ("siamo_icamo_fact", "siamo_icamo_cell"):
            self.env.execute_query(
                SQL(
                    "UPDATE %s SET known_until = %s WHERE return_id = %s",
                    SQL.identifier(table),
                    correction.received_at,
                    self.id,
                )
            )
        self.env["siamo.icamo.fact"].invalidate_model(["known_until"])
        self.env["siamo.icamo.cell"].invalidate_model(["known_until"])
        self.message_post(body=self.env._("Superseded by %(number)s.", number=correction.name))
