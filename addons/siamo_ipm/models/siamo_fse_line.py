from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.reason_labels import reason_labels
from odoo.exceptions import UserError
from odoo.tools import SQL


class SiamoFseLine(models.Model):
    _name = "siamo.fse.line"
    _description = "Care Sheet Line"
    _inherit = ["siamo.protected.mixin"]
    _order = "fse_id, sequence, id"
    # what the provider claimed, as received and signed
    _siamo_fixed_fields = (
        "fse_id",
        "sequence",
        "kind",
        "code",
        "act_id",
        "medicine_id",
        "quantity",
        "unit_price",
        "amount",
    )

    fse_id = fields.Many2one(
        "siamo.fse", string="Care Sheet", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="fse_id.company_id", store=True, index=True)
    sequence = fields.Integer()
    kind = fields.Selection(
        [("act", "Act"), ("medicine", "Medicine")], required=True, default="act"
    )
    code = fields.Char(required=True)
    act_id = fields.Many2one("siamo.act", index=True)
    medicine_id = fields.Many2one("siamo.medicine", index=True)
    quantity = fields.Integer(default=1)
    unit_price = fields.Integer(string="Unit Price (FCFA)")
    amount = fields.Integer(string="Amount (FCFA)")
    settlement_line_ids = fields.One2many(
        "siamo.settlement.line", "fse_line_id", string="Settlements"
    )
    settlement_status = fields.Selection(
        [("accepted", "Accepted"), ("reduced", "Reduced"), ("rejected", "Rejected")],
        compute="_compute_settlement",
    )
    reason_codes = fields.Char(compute="_compute_settlement")
    reason_labels = fields.Char(string="Reasons", compute="_compute_reason_labels")
    allowed = fields.Integer(string="Allowed (FCFA)", compute="_compute_settlement")
    ipm_share = fields.Integer(string="IPM Share (FCFA)", compute="_compute_settlement")
    copayment = fields.Integer(string="Co-payment (FCFA)", compute="_compute_settlement")

    def _siamo_final(self):
        return self.filtered(lambda line: line.fse_id.settlement_batch_id.state == "validated")

    def _siamo_being_keyed(self):
        return self.filtered(lambda line: line.fse_id.state == "draft")

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_keyed(self):
        """The lines of a registered sheet are what the IPM accepted: they stay."""
        if self._siamo_business_write() or self.env.user.has_group("siamo_ipm.group_ipm_manager"):
            return
        for line in (self - self._siamo_being_keyed())[:1]:
            raise UserError(
                self.env._(
                    "The sheet %(name)s is registered: its lines can no longer be removed.",
                    name=line.fse_id.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_settlement_results(self):
        """The results of these lines go with them: the database does not cascade (see
        ``siamo.settlement.line.fse_line_id``)."""
        self._delete_settlement_results(SQL("r.fse_line_id = ANY(%s)", self.ids))

    def _delete_settlement_results(self, condition):
        """Delete the settlement results that meet ``condition`` (on ``r``, the result)."""
        self.env.flush_all()
        self.env.execute_query(SQL("DELETE FROM siamo_settlement_line r WHERE %s", condition))
        self.env["siamo.settlement.line"].invalidate_model()
        self.env["siamo.fse.line"].invalidate_model(["settlement_line_ids"])

    @api.onchange("act_id", "medicine_id", "kind")
    def _onchange_item(self):
        """A keyed line takes its code, and a medicine its public price, from the referential."""
        for line in self:
            item = line.act_id if line.kind == "act" else line.medicine_id
            line.code = item.code or False
            if line.kind == "medicine" and line.medicine_id and not line.unit_price:
                line.unit_price = line.medicine_id.public_price

    @api.onchange("quantity", "unit_price")
    def _onchange_amount(self):
        for line in self:
            line.amount = (line.quantity or 0) * (line.unit_price or 0)

    def _paper_line(self):
        """The keyed line as the acceptance reads it."""
        self.ensure_one()
        item = self.act_id if self.kind == "act" else self.medicine_id
        return {
            "kind": self.kind,
            "code": item.code or self.code or "",
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "amount": self.amount,
        }

    def _siamo_final_reason(self):
        return self.fse_id._siamo_final_reason()

    def _compute_settlement(self):
        for line in self:
            result = line.settlement_line_ids[-1:]
            line.settlement_status = result.status
            line.reason_codes = result.reason_codes
            line.allowed = result.allowed
            line.ipm_share = result.ipm_share
            line.copayment = result.copayment

    @api.depends("settlement_line_ids.reason_codes")
    @api.depends_context("lang")
    def _compute_reason_labels(self):
        for line in self:
            line.reason_labels = reason_labels(self.env, line.settlement_line_ids[-1:].reason_codes)
