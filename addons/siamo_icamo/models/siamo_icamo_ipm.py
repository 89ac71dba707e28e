import json
import logging
from datetime import timedelta

import requests
import zeep
from zeep.transports import Transport

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import UserError
from odoo.tools.misc import file_path

from siamo_core.icamo.indicators import late_returns
from siamo_core.icamo.return_sheet import IDENTIFICATION, MANAGEMENT, SHEETS
from siamo_core.icamo.return_template import LISTS, template_workbook
from siamo_core.icamo.returns import period_text

HISTORY_FIELDS = ("name", "kind", "accreditation_id")
# ICAMO's SOAP contract, which an IPM's software implements
WSDL = "siamo_icamo/static/wsdl/ipm_returns.wsdl"
SOAP_BINDING = "{urn:siamo:ipm-returns:1}IpmReturnsBinding"
_logger = logging.getLogger(__name__)
SOAP_TIMEOUT = 60


class SiamoIcamoIpm(models.Model):
    """An IPM as ICAMO's warehouse knows it: the code its returns carry, and its attributes
    with their history (a return is read with the name, kind and accreditation the IPM had
    then)."""

    _name = "siamo.icamo.ipm"
    _description = "IPM Followed by ICAMO"
    _inherit = ["siamo.icamo.mixin", "mail.thread"]
    _order = "code"

    code = fields.Char(required=True, tracking=True, help="The code the IPM's returns carry.")
    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [("company", "Company IPM"), ("inter", "Inter-company IPM")],
        required=True,
        default="inter",
        tracking=True,
    )
    partner_id = fields.Many2one("res.partner", string="Contact", check_company=True)
    region_id = fields.Many2one("siamo.region")
    accreditation_id = fields.Many2one("siamo.accreditation", check_company=True, tracking=True)
    accreditation_state = fields.Selection(related="accreditation_id.state", store=True)
    first_period = fields.Date(
        string="Returns Owed From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="The first month the IPM owes ICAMO a return for.",
    )
    soap_url = fields.Char(
        string="SOAP Address",
        help="Where the IPM's own software answers ICAMO's SOAP contract (ipm_returns.wsdl): "
        "ICAMO pulls its returns from there each month.",
    )
    correspondent_ids = fields.Many2many(
        "res.users",
        string="Correspondents",
        help="The IPM's users whose API keys send its returns to ICAMO.",
    )
    history_ids = fields.One2many("siamo.icamo.ipm.history", "ipm_id")
    recommendation_ids = fields.One2many(
        "siamo.icamo.recommendation", "ipm_id", string="Recommendations"
    )
    return_ids = fields.One2many("siamo.icamo.return", "ipm_id", string="Returns")

    _sql_constraints = [
        ("code_unique", "UNIQUE(company_id, code)", "Two IPMs cannot have the same code."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        ipms = super().create(vals_list)
        ipms._record_history()
        return ipms

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & set(HISTORY_FIELDS):
            self._record_history()
        return result

    def _record_history(self):
        """Keep what the IPM is now beside what it was."""
        now = fields.Datetime.now()
        self.env["siamo.icamo.ipm.history"].sudo().create(
            [
                {
                    "ipm_id": ipm.id,
                    "date_from": now,
                    "name": ipm.name,
                    "kind": ipm.kind,
                    "accreditation_number": ipm.accreditation_id.name or False,
                    "accreditation_state": ipm.accreditation_state or False,
                }
                for ipm in self
            ]
        )

    def _attributes_on(self, moment):
        """The IPM's name, kind and accreditation as they were at ``moment``: its history
        line in force then (``siamo.icamo.ipm.history``), or nothing before it was known."""
        self.ensure_one()
        return self.env["siamo.icamo.ipm.history"].search(
            [("ipm_id", "=", self.id), ("date_from", "<=", moment)],
            order="date_from desc, id desc",
            limit=1,
        )

    @api.model
    def _accredited_partners_as_ipms(self):
        """The IPMs of the accreditation register the warehouse does not follow yet."""
        followed = self.search([("partner_id", "!=", False)]).partner_id
        accreditations = self.env["siamo.accreditation"].search(
            [("ipm_partner_id", "not in", followed.ids)], order="date_start desc, id desc"
        )
        values, seen = [], set()
        for accreditation in accreditations:
            partner = accreditation.ipm_partner_id
            if partner.id in seen:
                continue
            seen.add(partner.id)
            values.append(
                {
                    "company_id": accreditation.company_id.id,
                    "code": partner.ref or f"IPM-{partner.id}",
                    "name": partner.name,
                    "partner_id": partner.id,
                    "accreditation_id": accreditation.id,
                }
            )
        return self.create(values)

    def action_issue_recommendations(self):
        """The analyst issues the recommendations of each IPM's latest scorecard."""
        issued = self.env["siamo.icamo.recommendation"]
        for ipm in self:
            issued |= issued._issue(ipm)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recommendations issued"),
            "res_model": "siamo.icamo.recommendation",
            "view_mode": "list,form",
            "domain": [("id", "in", issued.ids)],
        }

    # ------------------------------------------------------------------ spreadsheet way in

    def _return_template(self, period, document=None):
        """The .xlsx template of the IPM's return of ``period`` (a first day of month), with
        the figures of ``document`` when the IPM downloads a return to correct it."""
        self.ensure_one()
        document = document or {"ipm": self.code, "ipm_name": self.name}
        document = {**document, "period": period_text(period)}
        regions, act_classes = self.env["siamo.icamo.return"]._sheet_references()
        return template_workbook(document, regions, act_classes, self._template_instructions())

    def _template_instructions(self):
        return [
            self.env._("Monthly return of %(ipm)s to ICAMO", ipm=self.name),
            self.env._(
                "Fill one sheet per part of the return, one line per row, from row 2, under "
                "the headers of row 1; do not rename, move or delete the sheets or the headers."
            ),
            self.env._(
                "Identification: the IPM's code and the month of the return (year-month, "
                "such as 2026-10) are already written; change the month if needed."
            ),
            self.env._(
                "%(sheets)s: one row per région (code such as SN-DK, or its name), and per "
                "category, sex, age band or act class where the sheet asks; the allowed "
                "values are in the drop-down lists and on the sheet %(lists)s.",
                sheets=", ".join(sheet.title for sheet in SHEETS if sheet.section),
                lists=LISTS,
            ),
            self.env._(
                "Amounts are in whole FCFA, without decimals; counts are whole numbers; "
                "nothing is negative. A sheet with nothing to declare keeps its headers only."
            ),
            self.env._(
                "%(sheet)s: one row, row 2: the payments made to care providers in the month, "
                "the sum of their days of delay, the management costs, and the balance-sheet "
                "figures (all six, or none).",
                sheet=MANAGEMENT.title,
            ),
            self.env._(
                "Upload the filled file on the ICAMO portal. Every problem is listed with its "
                "sheet, row and column, and nothing is taken until the file has none. A "
                "corrected file for a month already sent replaces the earlier return, which "
                "ICAMO keeps."
            ),
        ]

    def _receive_spreadsheet(self, filename, content):
        """Take the IPM's return from a filled template: ``(return, [])`` once it is
        received and acknowledged, or ``(False, problems)`` and nothing written (see
        ``siamo.icamo.return._spreadsheet_document``)."""
        self.ensure_one()
        returns = self.env["siamo.icamo.return"]
        document, problems = returns._spreadsheet_document(filename, content)
        if document and document["ipm"] != self.code:
            problems = [self._not_this_ipm(document["ipm"])]
        if problems:
            return False, problems
        return returns.with_company(self.company_id)._receive(document, "file"), []

    def _not_this_ipm(self, code):
        return {
            "sheet": IDENTIFICATION.title,
            "row": 2,
            "column": IDENTIFICATION.label("ipm"),
            "value": code,
            "reason": self.env._(
                "This file is the return of the IPM “%(code)s”, not of %(ipm)s (code "
                "%(own)s): upload it from that IPM's account, or correct the code.",
                code=code,
                ipm=self.name,
                own=self.code,
            ),
        }

    def _late_months(self, today):
        """The months the IPM owes a return for that ICAMO has not received in time, each
        with its message in the user's language."""
        self.ensure_one()
        received = {(self.code, period) for period in self.return_ids.mapped("period")}
        messages = late_returns(
            {self.code: self.first_period},
            received,
            today,
            self.company_id.siamo_icamo_return_due_days,
        )
        return [core_error_message(self.env, message, ipm=self.name) for message in messages]

    # ------------------------------------------------------------------ SOAP pull

    def _unreachable_message(self, error):
        if isinstance(error, requests.Timeout):
            return self.env._(
                "The software of %(ipm)s did not answer within %(seconds)s seconds at %(url)s.",
                ipm=self.name,
                seconds=SOAP_TIMEOUT,
                url=self.soap_url,
            )
        if isinstance(error, requests.RequestException):
            return self.env._(
                "The software of %(ipm)s cannot be reached at %(url)s: no service answers "
                "there. Check the SOAP address with the IPM.",
                ipm=self.name,
                url=self.soap_url,
            )
        return self.env._(
            "The software of %(ipm)s answered at %(url)s in a way that does not follow "
            "ICAMO's SOAP contract. Ask the IPM to check its service.",
            ipm=self.name,
            url=self.soap_url,
        )

    def _soap_document(self, period):
        """The return of ``period`` as the IPM's software gives it through ICAMO's SOAP
        contract (``static/wsdl/ipm_returns.wsdl``), decoded."""
        self.ensure_one()
        transport = Transport(timeout=SOAP_TIMEOUT, operation_timeout=SOAP_TIMEOUT)
        client = zeep.Client(file_path(WSDL), transport=transport)
        service = client.create_service(SOAP_BINDING, self.soap_url)
        try:
            text = service.GetMonthlyReturn(ipm=self.code, period=period_text(period))
        except zeep.exceptions.Fault as fault:
            raise UserError(
                self.env._(
                    "The software of %(ipm)s refused to give its return of %(period)s: %(reason)s",
                    ipm=self.name,
                    period=period_text(period),
                    reason=fault.message,
                )
            ) from fault
        except (requests.RequestException, zeep.exceptions.Error) as error:
            # the technical detail is for the log; the analyst reads what to do
            _logger.warning("SOAP pull of %s from %s failed: %s", self.code, self.soap_url, error)
            raise UserError(self._unreachable_message(error)) from error
        try:
            return json.loads(text or "")
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The software of %(ipm)s answered with something that is not JSON.",
                    ipm=self.name,
                )
            ) from error

    def _pull_return(self, period):
        """Job: ask the IPM's software for its return of ``period`` (a first day of month)
        and take it as if the IPM had sent it."""
        self.ensure_one()
        self.env["siamo.icamo.return"].check_access("create")
        document = self._soap_document(period)
        return self.env["siamo.icamo.return"]._receive(document, "soap")

    def action_pull_last_month(self):
        """Pull last month's return of these IPMs now, in the background."""
        last_month = (fields.Date.context_today(self).replace(day=1) - timedelta(days=1)).replace(
            day=1
        )
        self._pull_later(last_month)

    def _pull_later(self, period):
        self.env["siamo.icamo.return"].check_access("create")
        for ipm in self.filtered("soap_url"):
            ipm.with_delay(
                description=self.env._(
                    "Pull the return of %(ipm)s for %(period)s",
                    ipm=ipm.name,
                    period=period_text(period),
                ),
                identity_key=f"siamo-icamo-pull-{ipm.id}-{period}",
            )._pull_return(period)

    @api.model
    def _cron_pull_returns(self):
        """Monthly: last month's return of every IPM with a SOAP address, a job each (one
        IPM's silence stops no other)."""
        self.search([("soap_url", "!=", False)]).action_pull_last_month()
