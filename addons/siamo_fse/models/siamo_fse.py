from odoo import fields, models

from siamo_core.fse.fhir import IPM, MEMBER_NUMBER, PROVIDER, settlement_claim_response
from siamo_core.settlement import REASONS


class SiamoFse(models.Model):
    """What the exchange platform adds to the IPM's care sheet: its channels, the submissions
    that brought it, and its FHIR ``ClaimResponse``."""

    _inherit = "siamo.fse"

    channel = fields.Selection(
        selection_add=[("api", "API"), ("fhir", "FHIR"), ("portal", "Provider Portal")],
        ondelete={"api": "set default", "fhir": "set default", "portal": "set default"},
    )
    submission_ids = fields.One2many("siamo.fse.submission", "fse_id", string="Submissions")

    def _claim_response(self):
        """The FHIR ``ClaimResponse`` of this settled sheet."""
        self.ensure_one()
        lines = []
        for line in self.line_ids.sorted("sequence"):
            result = line.settlement_line_ids.filtered(
                lambda r: r.batch_id == self.settlement_batch_id
            )[:1]
            codes = (result.reason_codes or "").split()
            lines.append(
                {
                    "sequence": line.sequence,
                    "claimed": line.amount,
                    "allowed": result.allowed,
                    "ipm_share": result.ipm_share,
                    "copayment": result.copayment,
                    "reasons": [(code, REASONS.get(code, code)) for code in codes],
                }
            )
        ipm_code = self.company_id.partner_id.ref or f"IPM{self.company_id.id}"
        return settlement_claim_response(
            {
                "sheet_id": self.provider_sheet_id or self.name,
                "fse": self.name,
                "patient": {
                    "identifier": {
                        "system": MEMBER_NUMBER,
                        "value": self.beneficiary_id.member_number,
                    }
                },
                "insurer": {"identifier": {"system": IPM, "value": ipm_code}},
                "provider": {
                    "identifier": {
                        "system": PROVIDER,
                        "value": self.provider_id.siamo_provider_code or str(self.provider_id.id),
                    }
                },
                "created": self.care_date.isoformat(),
                "lines": lines,
            }
        )
