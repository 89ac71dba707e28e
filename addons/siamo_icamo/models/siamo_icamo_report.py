import base64
import logging
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from siamo_core.icamo.indicators import months_back, months_between, return_due_date
from siamo_core.icamo.report import build_report
from siamo_core.icamo.report_pdf import report_pdf
from siamo_core.icamo.returns import period_text

TIMEZONE = pytz.timezone("Africa/Dakar")
_logger = logging.getLogger(__name__)


def _quarter_of(day):
    """The first and last months (first days) of the quarter of ``day``."""
    first = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return first, first.replace(month=first.month + 2)


class SiamoIcamoReport(models.Model):
    """An AMO statistics report as a PDF: the quarterly report, or one asked for an IPM, a
    région or the nation over chosen months. It is drawn in a background job from the
    warehouse as known at that moment, and archived with the exact return versions it
    used: a return corrected afterwards changes nothing in it."""

    _name = "siamo.icamo.report"
    _description = "AMO Statistics Report"
    _inherit = ["siamo.icamo.mixin", "siamo.protected.mixin", "mail.thread"]
    _order = "date_to desc, id desc"
    _siamo_protected_fields = (
        "state",
        "known_at",
        "pdf",
        "pdf_filename",
        "return_ids",
        "failure_reason",
    )
    _siamo_draft_fields = ("kind", "scope", "ipm_id", "region_id", "date_from", "date_to")

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(
        [("quarterly", "Quarterly Report"), ("on_demand", "On-Demand Report")],
        required=True,
        default="on_demand",
        tracking=True,
    )
    scope = fields.Selection(
        [("national", "National"), ("region", "Region"), ("ipm", "IPM")],
        required=True,
        default="national",
        tracking=True,
    )
    ipm_id = fields.Many2one("siamo.icamo.ipm", string="IPM", check_company=True, tracking=True)
    region_id = fields.Many2one("siamo.region", tracking=True)
    date_from = fields.Date(string="From Month", required=True, tracking=True)
    date_to = fields.Date(string="To Month", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("queued", "Queued"), ("done", "Done"), ("failed", "Failed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    known_at = fields.Datetime(
        string="Figures as Known On",
        readonly=True,
        help="The moment the warehouse's figures were read: later corrections are not in it.",
    )
    pdf = fields.Binary(string="PDF", attachment=True, readonly=True)
    pdf_filename = fields.Char(readonly=True)
    return_ids = fields.Many2many(
        "siamo.icamo.return",
        string="Returns Used",
        readonly=True,
        help="The exact versions of the IPMs' returns whose figures the report shows.",
    )
    return_count = fields.Integer(string="Returns", compute="_compute_return_count")
    failure_reason = fields.Char(readonly=True)

    @api.depends("kind", "scope", "ipm_id", "region_id", "date_from", "date_to")
    def _compute_name(self):
        for report in self:
            report.name = report._title_parts()[1] if report.date_from and report.date_to else ""

    def _compute_return_count(self):
        for report in self:
            report.return_count = len(report.return_ids)

    @api.constrains("scope", "ipm_id", "region_id", "date_from", "date_to")
    def _check_scope_and_months(self):
        for report in self:
            if report.scope == "ipm" and not report.ipm_id:
                raise UserError(self.env._("Choose the IPM of the report."))
            if report.scope == "region" and not report.region_id:
                raise UserError(self.env._("Choose the région of the report."))
            if report.date_from > report.date_to:
                raise UserError(self.env._("The report's first month comes after its last."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            for name in ("date_from", "date_to"):
                if vals.get(name):
                    vals[name] = fields.Date.to_date(vals[name]).replace(day=1)
        return super().create(vals_list)

    def _siamo_final(self):
        return self.filtered(lambda report: report.state == "done")

    def _siamo_draft(self):
        return self.filtered(lambda report: report.state in ("draft", "failed"))

    # ------------------------------------------------------------------ actions

    def action_generate(self):
        """Draw the report in the background from the warehouse as it stands then."""
        self.check_access("write")
        for report in self:
            if report.state not in ("draft", "failed"):
                raise UserError(
                    self.env._("The report %(name)s is already queued or done.", name=report.name)
                )
        self._siamo_protected().write({"state": "queued", "failure_reason": False})
        for report in self:
            report.with_delay(
                description=self.env._("AMO report: %(name)s", name=report.name),
                identity_key=f"siamo-icamo-report-{report.id}",
            )._generate()

    def action_view_returns(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Returns used by %(name)s", name=self.name),
            "res_model": "siamo.icamo.return",
            "view_mode": "list,form",
            "domain": [("id", "in", self.return_ids.ids)],
        }

    # ------------------------------------------------------------------ the job

    def _generate(self):
        """Job: read the warehouse now, draw the PDF and keep it with the returns used."""
        self.ensure_one()
        if self.state != "queued":
            return False
        report = self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        moment = fields.Datetime.now()
        months = tuple(months_between(self.date_from, self.date_to))
        needed = sorted({month for last in months for month in months_back(last, 12)})
        # every IPM's returns are used: the scope is set beside the AMO's figures
        used = report._returns_known_at(moment, needed)
        cells = self.env["siamo.icamo.cell"]._figures(self.company_id, needed, moment)
        if not self._scope_has_figures(cells, set(months)):
            return self._fail(report.env._("No IPM return was known for these months."))
        try:
            pdf = report._draw(
                cells, months, moment, len(used.filtered(lambda r: r.period in months))
            )
        # whatever breaks the drawing, the analyst sees it on the report
        except Exception as error:
            _logger.exception("AMO report %s could not be drawn", self.id)
            return self._fail(report.env._("The PDF could not be drawn: %(error)s", error=error))
        self._siamo_protected().write(
            {
                "state": "done",
                "known_at": moment,
                "pdf": base64.b64encode(pdf),
                "pdf_filename": f"{self.name}.pdf",
                "return_ids": [fields.Command.set(used.ids)],
            }
        )
        self.message_post(
            body=report.env._("The report is ready: %(count)s return(s) used.", count=len(used))
        )
        return True

    def _fail(self, reason):
        """The job ends without a PDF: the report says why and may be generated again."""
        self._siamo_protected().write({"state": "failed", "failure_reason": reason})
        self.message_post(body=reason)
        return False

    def _scope_has_figures(self, cells, months):
        """Whether the warehouse's ``cells`` hold figures of the report's scope in
        ``months`` (an IPM's, a région's, or any for the nation)."""
        ipm, region = self.ipm_id.id, self.region_id.code
        return any(
            month in months
            and (self.scope != "ipm" or cell_ipm == ipm)
            and (self.scope != "region" or cell_region == region)
            for cell_ipm, month, cell_region, *_rest in cells
        )

    def _returns_known_at(self, moment, months):
        """The return versions the warehouse answered with at ``moment`` for ``months``."""
        return self.env["siamo.icamo.return"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("period", "in", months),
                ("received_at", "<=", moment),
                "|",
                ("superseded_at", "=", False),
                ("superseded_at", ">", moment),
            ]
        )

    def _scope_key(self):
        if self.scope == "ipm":
            return ("ipm", self.ipm_id.id)
        if self.scope == "region":
            return ("region", self.region_id.code)
        return ("national", None)

    def _names(self, cells, moment):
        ipms = self.env["siamo.icamo.ipm"].browse(
            {cell[0] for cell in cells} | set(self.ipm_id.ids)
        )
        return {
            "national": self.env._("AMO, all IPMs"),
            "region": {region.code: region.name for region in self.env["siamo.region"].search([])},
            "ipm": {ipm.id: ipm._attributes_on(moment).name or ipm.name for ipm in ipms},
        }

    def _title_parts(self):
        """The report's title and its subtitle (also its name)."""
        scope = {
            "national": self.env._("National"),
            "region": self.region_id.name or "",
            "ipm": self.ipm_id.name or "",
        }[self.scope]
        if self.kind == "quarterly":
            first, _last = _quarter_of(self.date_from)
            quarter = self.env._(
                "Q%(quarter)s %(year)s", quarter=(first.month + 2) // 3, year=first.year
            )
            return (
                self.env._("Quarterly AMO Statistics Report"),
                self.env._("%(quarter)s — %(scope)s", quarter=quarter, scope=scope),
            )
        return (
            self.env._("AMO Statistics Report"),
            self.env._(
                "%(scope)s, %(first)s to %(last)s",
                scope=scope,
                first=period_text(self.date_from),
                last=period_text(self.date_to),
            ),
        )

    def _draw(self, cells, months, moment, count):
        title, subtitle = self._title_parts()
        local = pytz.utc.localize(moment).astimezone(TIMEZONE)
        note = self.env._(
            "Figures of the IPMs' returns as known on %(moment)s (Dakar time): %(count)s "
            "return(s) of the period.",
            moment=local.strftime("%d/%m/%Y %H:%M"),
            count=count,
        )
        norms = self.env["siamo.icamo.indicator"]._norms_on(months[-1])
        report = build_report(
            title,
            subtitle,
            cells,
            months,
            norms,
            self._scope_key(),
            self._names(cells, moment),
            notes=[note],
        )
        return report_pdf(report, self._labels())

    def _labels(self):
        """Every word of the PDF, in the language of the report's environment."""

        def selection(model, field):
            return dict(self.env[model]._fields[field]._description_selection(self.env))

        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        return {
            "measures": selection("siamo.icamo.fact", "measure"),
            "indicators": selection("siamo.icamo.indicator", "indicator"),
            "statuses": selection("siamo.icamo.indicator", "status"),
            "decimal_point": lang.decimal_point or ".",
            "period": self.env._("Period"),
            "key_figures": self.env._("Key figures"),
            "indicator_table": self.env._("Indicators against the management norms"),
            "indicator": self.env._("Indicator"),
            "value": self.env._("Value"),
            "norm": self.env._("Norm"),
            "reference": self.env._("Reference"),
            "status": self.env._("Status"),
            "name": self.env._("Name"),
            "breaches": self.env._("Norms breached"),
            "money_chart": self.env._("Contributions and care by month (millions FCFA)"),
            "rate_chart": self.env._("Rates by month (%)"),
            "breakdown_chart": self.env._(
                "Contributions collected and care settled (millions FCFA)"
            ),
            "by_region": self.env._("By région"),
            "by_ipm": self.env._("By IPM"),
            "none": self.env._("No figure for this period."),
            "page": self.env._("Page %(page)s"),
        }

    # ------------------------------------------------------------------ scheduled

    @api.model
    def _cron_quarterly_reports(self):
        """Daily: once the returns of a quarter's last month are due, queue the quarter's
        national report of each regulator (once)."""
        today = fields.Date.context_today(self)
        first, last = _quarter_of(_quarter_of(today)[0] - timedelta(days=1))
        for company in self.env["res.company"].search([("siamo_role", "=", "icamo")]):
            if today > return_due_date(last, company.siamo_icamo_return_due_days):
                self._queue_quarterly(company, first, last)

    def _queue_quarterly(self, company, first, last):
        exists = self.search_count(
            [
                ("company_id", "=", company.id),
                ("kind", "=", "quarterly"),
                ("scope", "=", "national"),
                ("date_from", "=", first),
            ]
        )
        if exists:
            return self.browse()
        report = self.with_company(company).create(
            {
                "company_id": company.id,
                "kind": "quarterly",
                "scope": "national",
                "date_from": first,
                "date_to": last,
            }
        )
        report.action_generate()
        return report
