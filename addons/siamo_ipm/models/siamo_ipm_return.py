import base64
import json

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import AccessError, UserError

from siamo_core.icamo.returns import InvalidReturn

MANAGER = "siamo_ipm.group_ipm_manager"
STATES = [
    ("draft", "To Send"),
    ("sent", "Being Sent"),
    ("acknowledged", "Acknowledged"),
    ("refused", "Refused by ICAMO"),
    ("error", "Not Delivered"),
]


def last_month(today):
    return (today - relativedelta(months=1)).replace(day=1)


class SiamoIpmReturn(models.Model):
    """A monthly return the IPM computed from its own books and sent ICAMO (format
    ``siamo-ipm-return``): what was sent, as a JSON attachment, and what ICAMO answered. A
    corrected return is a new version of the month, which ICAMO takes in place of the
    earlier one; both stay here."""

    _name = "siamo.ipm.return"
    _description = "Return to ICAMO"
    _inherit = [
        "siamo.ipm.mixin",
        "siamo.numbered.mixin",
        "siamo.protected.mixin",
        "mail.thread",
    ]
    _sequence_code = "siamo.ipm.return"
    _order = "period desc, version desc, id desc"
    _siamo_protected_fields = (
        "version",
        "state",
        "document",
        "attachment_id",
        "unplaced_count",
        "destination",
        "sent_at",
        "acknowledgement",
        "icamo_version",
        "answer",
        "attempt_count",
    )
    # what the delivery still writes once the return is sent
    _siamo_final_open_fields = (
        "state",
        "destination",
        "sent_at",
        "acknowledgement",
        "icamo_version",
        "answer",
        "attempt_count",
    )
    _siamo_draft_fields = ("period",)
    _siamo_protected_unlink = True

    period = fields.Date(
        string="Month",
        required=True,
        default=lambda self: last_month(fields.Date.context_today(self)),
        tracking=True,
        help="The first day of the month the return is for.",
    )
    period_label = fields.Char(string="Period", compute="_compute_period_label")
    version = fields.Integer(default=1, readonly=True, help="Its rank among the month's returns.")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True)
    document = fields.Json(readonly=True, copy=False)
    attachment_id = fields.Many2one("ir.attachment", string="JSON File", readonly=True, copy=False)
    unplaced_count = fields.Integer(
        string="Beneficiaries Not Counted",
        readonly=True,
        help="Beneficiaries without a sex or a birth date: the return cannot place them. "
        "Complete their records and compute the return again.",
    )
    destination = fields.Selection(
        [("local", "ICAMO in this database"), ("remote", "ICAMO at a remote address")],
        readonly=True,
        tracking=True,
    )
    sent_at = fields.Datetime(string="Sent On", readonly=True, copy=False)
    acknowledgement = fields.Char(
        string="ICAMO Acknowledgement", readonly=True, copy=False, tracking=True
    )
    icamo_version = fields.Integer(string="Version at ICAMO", readonly=True, copy=False)
    answer = fields.Text(string="ICAMO's Answer", readonly=True, copy=False)
    attempt_count = fields.Integer(string="Attempts", readonly=True, copy=False)
    workers = fields.Integer(compute="_compute_totals")
    beneficiaries = fields.Integer(compute="_compute_totals")
    contributions_called = fields.Integer(
        string="Contributions Called (FCFA)", compute="_compute_totals"
    )
    contributions_collected = fields.Integer(
        string="Contributions Collected (FCFA)", compute="_compute_totals"
    )
    care_claimed = fields.Integer(string="Care Claimed (FCFA)", compute="_compute_totals")
    care_paid = fields.Integer(string="Care Paid (FCFA)", compute="_compute_totals")

    @api.depends("period")
    def _compute_period_label(self):
        for record in self:
            record.period_label = record.period.strftime("%Y-%m") if record.period else False

    @api.depends("document")
    def _compute_totals(self):
        sums = {
            "workers": ("members", "workers"),
            "beneficiaries": ("beneficiaries", "count"),
            "contributions_called": ("contributions", "called"),
            "contributions_collected": ("contributions", "collected"),
            "care_claimed": ("care", "claimed"),
            "care_paid": ("care", "paid"),
        }
        for record in self:
            document = record.document or {}
            for name, (section, figure) in sums.items():
                record[name] = sum(row[figure] for row in document.get(section, []))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            month = vals.get("period") or last_month(fields.Date.context_today(self))
            vals["period"] = fields.Date.to_date(month).replace(day=1)
        return super().create(vals_list)

    def _siamo_final(self):
        return self.filtered(lambda record: record.state != "draft")

    # ------------------------------------------------------------------ actions

    def _check_manager(self):
        """Only the IPM's manager computes and sends its returns."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only the IPM's manager sends its returns to ICAMO."))
        self.check_access("write")

    def action_compute(self):
        """Compute the return again from the books, while it is not sent."""
        self._check_manager()
        for record in self:
            if record.state != "draft":
                raise UserError(
                    self.env._(
                        "%(number)s has been sent: correct it with a new version instead.",
                        number=record.name,
                    )
                )
            record._compute_document()
        return True

    def action_send(self):
        """Send the computed return to ICAMO, in the background."""
        self._check_manager()
        for record in self:
            if record.state not in ("draft", "error"):
                raise UserError(self.env._("%(number)s has already been sent.", number=record.name))
            if not record.document:
                record._compute_document()
            record._send_later()
        return True

    def action_correct(self):
        """A new version of the month, computed from the books as they are now, to send in
        place of this one."""
        self._check_manager()
        self.ensure_one()
        if self.state == "draft":
            raise UserError(self.env._("Compute this return again: it has not been sent yet."))
        correction = self.create({"company_id": self.company_id.id, "period": self.period})
        correction._compute_document()
        correction.message_post(body=self.env._("Correction of %(number)s.", number=self.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ computing

    def _next_version(self):
        self.ensure_one()
        previous = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("period", "=", self.period),
                ("id", "!=", self.id),
            ],
            order="version desc",
            limit=1,
        )
        return previous.version + 1 if previous else 1

    def _compute_document(self):
        """Read the month's figures from the IPM's books and keep the document with its
        JSON file."""
        self.ensure_one()
        try:
            built = self._build()
        except InvalidReturn as error:
            lines = [core_error_message(self.env, problem) for problem in error.problems]
            raise UserError("\n".join([core_error_message(self.env, error), *lines])) from error
        document = {**built.document, "produced_at": fields.Datetime.now().isoformat() + "Z"}
        version = self._next_version()
        self.attachment_id.sudo().unlink()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{document['ipm']}-{document['period']}-v{version}.json",
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/json",
                    "datas": base64.b64encode(
                        json.dumps(document, ensure_ascii=False, indent=2).encode()
                    ),
                }
            )
        )
        self._siamo_protected().write(
            {
                "document": document,
                "version": version,
                "attachment_id": attachment.id,
                "unplaced_count": built.unplaced,
            }
        )
