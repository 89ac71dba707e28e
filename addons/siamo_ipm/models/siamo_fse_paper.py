from odoo import fields, models
from odoo.addons.siamo_referentiel.tools.reason_labels import reason_label
from odoo.exceptions import AccessError, UserError


class SiamoFse(models.Model):
    """Sheets that arrive on paper by mail: the IPM's staff key them (a draft with its
    lines), then register them through the same acceptance as the exchange platform's
    intake — the same checks, the same duplicate detection — and they settle like any
    other sheet."""

    _inherit = "siamo.fse"

    def _siamo_being_keyed(self):
        return self.filtered(lambda sheet: sheet.state == "draft")

    def action_register_paper(self):
        """Register the keyed sheets, or say why the IPM refuses them; nothing is written
        for a refused sheet."""
        if not self.env.user.has_group("siamo_ipm.group_ipm_user"):
            raise AccessError(self.env._("Only the IPM's staff key paper care sheets."))
        acceptance = self.env["siamo.fse.acceptance"]
        for sheet in self:
            if sheet.state != "draft":
                raise UserError(
                    self.env._("The sheet %(name)s is already registered.", name=sheet.name)
                )
            document = sheet._paper_document()
            batch = acceptance._prefetch(sheet.provider_id, [document])
            rejections, route = acceptance._check_content(sheet.provider_id, document, batch, set())
            if rejections:
                raise UserError(sheet._paper_refusal(rejections))
            sheet._siamo_protected().write(
                {
                    "state": "received",
                    "content_digest": route["digest"],
                    "amount_claimed": document["total"],
                    "authorization_id": route.get("authorization") and route["authorization"].id,
                }
            )
        return True

    def _paper_document(self):
        """The keyed sheet as the plain document the acceptance reads."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "Key at least one act or medicine on the sheet %(name)s.", name=self.name
                )
            )
        lines = [line._paper_line() for line in self.line_ids.sorted("sequence")]
        document = {
            "sheet_id": self.provider_sheet_id or self.name,
            "provider": {"code": self.provider_id.siamo_provider_code or str(self.provider_id.id)},
            "ipm": self.company_id.partner_id.ref or f"IPM{self.company_id.id}",
            "beneficiary": {"member_number": self.beneficiary_id.member_number},
            "care_date": fields.Date.to_string(self.care_date),
            "lines": lines,
            "total": sum(line["amount"] for line in lines),
        }
        if self.authorization_id:
            document["authorization"] = self.authorization_id.name
        return document

    def _paper_refusal(self, rejections):
        reasons = "\n".join(
            f"- {reason_label(self.env, rejection.code)}"
            + (f" ({rejection.detail})" if rejection.detail else "")
            for rejection in rejections
        )
        return self.env._(
            "The IPM cannot register the sheet %(name)s:\n%(reasons)s",
            name=self.name,
            reasons=reasons,
        )
