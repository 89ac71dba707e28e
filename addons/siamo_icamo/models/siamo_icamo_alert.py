from decimal import Decimal

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.bulk import bulk_insert
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.tools import SQL

from siamo_core.icamo.indicators import late_returns, norm_alerts
from siamo_core.icamo.returns import period_text

ALERT_FIELDS = ("company_id", "kind", "ipm_id", "period", "indicator", "message", "key")


class SiamoIcamoAlert(models.Model):
    """What ICAMO's analysts must look at: a management norm an IPM breaks in a month, or a
    return that has not come in time. An alert is raised once (its key) and closed by an
    analyst with a note in its chatter."""

    _name = "siamo.icamo.alert"
    _description = "ICAMO Alert"
    _inherit = ["siamo.icamo.mixin", "mail.thread"]
    _order = "state, period desc, id desc"

    kind = fields.Selection(
        [("norm", "Norm Breached"), ("late", "Late Return")], required=True, readonly=True
    )
    ipm_id = fields.Many2one(
        "siamo.icamo.ipm", string="IPM", required=True, readonly=True, check_company=True
    )
    period = fields.Date(string="Month", required=True, readonly=True)
    period_label = fields.Char(string="Period", compute="_compute_period_label")
    indicator = fields.Char(readonly=True)
    message = fields.Char(required=True, readonly=True)
    key = fields.Char(required=True, readonly=True, copy=False)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", required=True, tracking=True
    )

    _sql_constraints = [
        ("key_unique", "UNIQUE(company_id, key)", "This alert has already been raised."),
    ]

    @api.depends("period")
    def _compute_period_label(self):
        for alert in self:
            alert.period_label = period_text(alert.period) if alert.period else False

    def action_close(self):
        self.check_access("write")
        self.write({"state": "closed"})

    def action_reopen(self):
        self.check_access("write")
        self.write({"state": "open"})

    def _raise(self, values_list, records=True):
        """Create the alerts not raised yet (by their key); the new alerts, or only their
        number when ``records`` is false (a refresh raises thousands at once)."""
        new = self._not_raised(values_list)
        if not new:
            return self.browse() if records else 0
        # sudo: alerts are raised by the warehouse, analysts close them; a refresh of three
        # years of returns raises thousands: one COPY
        raised = self.sudo()
        bulk_insert(
            raised, ALERT_FIELDS, ([values.get(name) for name in ALERT_FIELDS] for values in new)
        )
        if not records:
            return len(new)
        return self.search([("key", "in", [values["key"] for values in new])])

    def _not_raised(self, values_list):
        """Those of ``values_list`` whose key no alert of their regulator holds yet."""
        keys = {(values["company_id"], values["key"]) for values in values_list}
        if not keys:
            return []
        self.flush_model(["company_id", "key"])
        # every alert counts, those the user cannot read too: a key is raised once
        known = set(
            self.env.execute_query(
                SQL(
                    """SELECT company_id, key FROM siamo_icamo_alert
                        WHERE company_id = ANY(%s) AND key = ANY(%s)""",
                    list({company for company, _key in keys}),
                    [key for _company, key in keys],
                )
            )
        )
        return [
            values for values in values_list if (values["company_id"], values["key"]) not in known
        ]

    @api.model
    def _raise_norm_alerts(self, company, rows, norms):
        """The alerts of the norms the IPMs break: ``rows`` the indicators' rows as
        ``siamo.icamo.indicator._refresh`` writes them, ``norms`` those in force each month.
        Only the alerts not raised yet have their message written: a refresh finds most of
        them raised by the one before."""
        breaches = self._not_raised(
            [
                {"company_id": company.id, "key": f"norm-{row[3]}-{row[1]}-{row[5]}", "row": row}
                for row in rows
                if row[2] == "ipm" and row[9] == "breach"
            ]
        )
        if not breaches:
            return 0
        labels = dict(
            self.env["siamo.icamo.indicator"]._fields["indicator"]._description_selection(self.env)
        )
        names = dict(
            self.env["siamo.icamo.ipm"]
            .browse({breach["row"][3] for breach in breaches})
            .mapped(lambda ipm: (ipm.id, ipm.name))
        )
        point = self.env["res.lang"]._get_data(code=self.env.lang or "en_US").decimal_point or "."
        values_list = []
        for breach in breaches:
            _company, period, _scope, ipm_id, _region, indicator, value, *_rest = breach["row"]
            for message in norm_alerts(
                names[ipm_id], {indicator: Decimal(str(value))}, norms[period]
            ):
                # the figures written once in the user's language: thousands of alerts
                figures = {
                    name: format(message.params[name].normalize(), "f").replace(".", point)
                    for name in ("value", "norm")
                }
                values_list.append(
                    {
                        "company_id": company.id,
                        "kind": "norm",
                        "ipm_id": ipm_id,
                        "period": period,
                        "indicator": indicator,
                        "message": core_error_message(
                            self.env, message, indicator=labels[indicator], **figures
                        ),
                        "key": breach["key"],
                    }
                )
        return self._raise(values_list, records=False)

    @api.model
    def _close_late_alerts(self, ipm, period):
        """The return has come: its lateness alert is closed."""
        late = self.sudo().search(
            [
                ("kind", "=", "late"),
                ("ipm_id", "=", ipm.id),
                ("period", "=", period),
                ("state", "=", "open"),
            ]
        )
        late.write({"state": "closed"})
        for alert in late:
            alert.message_post(body=self.env._("The return has been received."))

    @api.model
    def _cron_late_returns(self):
        """Daily: an alert for each return not received by its due date."""
        for company in self.env["res.company"].search([("siamo_role", "=", "icamo")]):
            # the alerts read in the regulator's language, not the scheduler's
            regulator = self.with_company(company).with_context(
                lang=company.partner_id.lang or self.env.lang
            )
            regulator._raise_late_alerts(company, fields.Date.context_today(self))

    @api.model
    def _raise_late_alerts(self, company, today):
        ipms = self.env["siamo.icamo.ipm"].search([("company_id", "=", company.id)])
        received = {
            (ipm.code, period)
            for ipm, period in self.env["siamo.icamo.return"]._read_group(
                [("company_id", "=", company.id)], ["ipm_id", "period:day"]
            )
        }
        due_days = company.siamo_icamo_return_due_days
        by_code = {ipm.code: ipm for ipm in ipms}
        values_list = []
        for message in late_returns(
            {ipm.code: ipm.first_period for ipm in ipms}, received, today, due_days
        ):
            ipm = by_code[message.params["ipm"]]
            year, month = map(int, message.params["period"].split("-"))
            values_list.append(
                {
                    "company_id": company.id,
                    "kind": "late",
                    "ipm_id": ipm.id,
                    "period": fields.Date.to_date(f"{year:04d}-{month:02d}-01"),
                    "message": core_error_message(self.env, message, ipm=ipm.name),
                    "key": f"late-{ipm.id}-{message.params['period']}",
                }
            )
        return self._raise(values_list)
