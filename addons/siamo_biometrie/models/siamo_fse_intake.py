from datetime import date

from odoo import models

from siamo_core.presence import Proof, presence_rejection, proof_reference


class SiamoFseIntake(models.AbstractModel):
    """The intake verifies a sheet's proof of presence of kind ``identity_check``: the check
    exists, is of the same beneficiary and provider, confirmed, and at most 24 hours older
    than the care (``siamo_core.presence``); the sheet keeps the check it verified."""

    _inherit = "siamo.fse.intake"

    def _prefetch_presence(self, provider, sheets):
        proofs = super()._prefetch_presence(provider, sheets)
        references = [proof_reference(document) for document in sheets]
        proofs.update(self.env["siamo.identity.check"]._siamo_proofs(references))
        return proofs

    def _check_presence(self, provider, document, route, batch):
        rejections = super()._check_presence(provider, document, route, batch)
        reference = proof_reference(document)
        if rejections or reference is None:
            return rejections
        check = batch.presence.get(reference)
        proof = (
            Proof(
                beneficiary=str(check.beneficiary_id.id),
                provider=str(check.provider_id.id),
                confirmed=check.result == "confirmed",
                checked_at=check.checked_at,
            )
            if check
            else None
        )
        rejection = presence_rejection(
            proof,
            str(route["beneficiary"].id),
            str(provider.commercial_partner_id.id),
            date.fromisoformat(document["care_date"]),
            reference,
        )
        if rejection:
            return [rejection]
        route["presence_check"] = check
        return []

    def _sheet_values(self, provider, document, route, channel):
        values = super()._sheet_values(provider, document, route, channel)
        if route.get("presence_check"):
            values["presence_check_id"] = route["presence_check"].id
        return values
