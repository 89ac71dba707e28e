from odoo import models
from odoo.tools import SQL


class SiamoSettlementBatch(models.Model):
    _inherit = "siamo.settlement.batch"

    def _settlement_presence_proven(self, sheet_ids):
        """The sheets the intake linked to a confirmed identity check: it verified the check
        was of their beneficiary, by their provider, within 24 hours before the care."""
        proven = super()._settlement_presence_proven(sheet_ids)
        if not sheet_ids:
            return proven
        rows = self.env.execute_query(
            SQL(
                """SELECT f.id FROM siamo_fse f
                     JOIN siamo_identity_check c ON c.id = f.presence_check_id
                    WHERE f.id = ANY(%s) AND c.result = 'confirmed'""",
                list(sheet_ids),
            )
        )
        return proven | {row[0] for row in rows}
