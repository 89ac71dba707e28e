from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.fields import Many2oneUnchecked
from odoo.addons.siamo_referentiel.tools.reason_labels import reason_labels

from .siamo_settlement_batch_settle import LINE_RESULT_FIELDS


class SiamoSettlementLine(models.Model):
    """What the settlement of a batch decided for one line of a care sheet. Settling a batch
    again replaces its results; a validated batch keeps them for good."""

    _name = "siamo.settlement.line"
    _description = "Settlement of a Care Sheet Line"
    _inherit = ["siamo.protected.mixin"]
    _order = "fse_line_id"
    # the settlement writes them (with one COPY) and the medical control reduces them
    _siamo_protected_fields = LINE_RESULT_FIELDS
    _siamo_protected_unlink = True
    # a million rows a batch, written by the settlement alone: who and when is the batch's
    _log_access = False

    # no foreign key: a batch writes a million results with one COPY, and PostgreSQL would
    # check and lock the line of each; the line deletes its results (see siamo.fse.line)
    fse_line_id = Many2oneUnchecked(
        "siamo.fse.line", string="Care Sheet Line", required=True, ondelete="cascade"
    )
    fse_id = fields.Many2one(related="fse_line_id.fse_id", string="Care Sheet")
    # the batch that settled the line, which holds its sheet (settling again rewrites the
    # results, a batch deleted deletes its own): its bill sums its results without joining
    # a million lines to their sheets
    batch_id = Many2oneUnchecked(
        "siamo.settlement.batch", string="Batch", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="fse_line_id.fse_id.company_id", string="IPM")
    # the code, not a link: no foreign key to check on each row either
    act_class = fields.Char()
    status = fields.Selection(
        [("accepted", "Accepted"), ("reduced", "Reduced"), ("rejected", "Rejected")],
        required=True,
    )
    reason_codes = fields.Char()
    reason_labels = fields.Char(string="Reasons", compute="_compute_reason_labels")
    allowed = fields.Integer(string="Allowed (FCFA)")
    ipm_share = fields.Integer(string="IPM Share (FCFA)")
    copayment = fields.Integer(string="Co-payment (FCFA)")

    _sql_constraints = [
        (
            "line_settled_once",
            "UNIQUE(fse_line_id)",
            "A care sheet line has one settlement result.",
        ),
    ]

    @api.depends("reason_codes")
    @api.depends_context("lang")
    def _compute_reason_labels(self):
        for line in self:
            line.reason_labels = reason_labels(self.env, line.reason_codes)

    def _siamo_final(self):
        return self.filtered(lambda result: result.batch_id.state == "validated")

    def _siamo_final_reason(self):
        return self.fse_line_id._siamo_final_reason()
