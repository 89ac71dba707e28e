import json

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.reason_labels import reason_labels
from odoo.tools import SQL


class SiamoFseSubmission(models.Model):
    """One sheet as it reached the hub: the original document, the answer given, and the
    key that makes a provider's retry return that same answer. A sheet refused and sent
    again is traced each time it comes; a received one holds its key for good."""

    _name = "siamo.fse.submission"
    _description = "Care Sheet Submission"
    _order = "id desc"
    _rec_name = "sheet_id"

    provider_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    sheet_id = fields.Char(string="Provider's Sheet Id", required=True, readonly=True)
    company_id = fields.Many2one("res.company", string="IPM", index=True, readonly=True)
    channel = fields.Selection(
        [("api", "API"), ("fhir", "FHIR"), ("portal", "Portal")],
        required=True,
        default="api",
        readonly=True,
    )
    document_digest = fields.Char(required=True, readonly=True)
    document = fields.Text(string="Original Document", readonly=True)
    state = fields.Selection(
        [("received", "Received"), ("rejected", "Rejected")], required=True, readonly=True
    )
    reason_codes = fields.Char(readonly=True, index=True)
    reason_labels = fields.Char(string="Reasons", compute="_compute_reason_labels")
    answer = fields.Text(readonly=True)
    fse_id = fields.Many2one("siamo.fse", string="Care Sheet", readonly=True, index=True)

    # a provider's sheet id is used up by the sheet received under it, not by a refusal:
    # a refused sheet, corrected or not, may come again under its id
    RECEIVED_ONCE = "siamo_fse_submission_received_once"

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON siamo_fse_submission "
                "(provider_id, sheet_id) WHERE state = 'received'",
                SQL.identifier(self.RECEIVED_ONCE),
            )
        )

    @api.depends("reason_codes")
    @api.depends_context("lang")
    def _compute_reason_labels(self):
        for submission in self:
            submission.reason_labels = reason_labels(self.env, submission.reason_codes)

    def _reason_label(self, code):
        """``label (code)`` of one reason of the answer, in the reader's language."""
        return reason_labels(self.env, code)

    def _answer(self):
        self.ensure_one()
        return json.loads(self.answer)
