from odoo import fields, models
from odoo.addons.siamo_referentiel.tools.fields import BigInteger

MEASURE_LABELS = [
    ("companies", "Member Companies"),
    ("workers", "Workers"),
    ("beneficiaries", "Beneficiaries"),
    ("contributions_called", "Contributions Called (FCFA)"),
    ("contributions_collected", "Contributions Collected (FCFA)"),
    ("care_sheets", "Care Sheets"),
    ("care_lines", "Care Lines"),
    ("care_lines_refused", "Care Lines Refused"),
    ("care_claimed", "Care Claimed (FCFA)"),
    ("care_settled", "Care Settled, IPM Share (FCFA)"),
    ("care_paid", "Care Paid (FCFA)"),
    ("refused_lines", "Lines Refused, by Reason"),
    ("refused_amount", "Amount Refused, by Reason (FCFA)"),
    ("payments", "Provider Bills Paid"),
    ("payment_delay_days", "Days to Pay the Bills Paid"),
    ("management_costs", "Management Costs (FCFA)"),
    ("reserves", "Reserves (FCFA)"),
    ("cash", "Cash (FCFA)"),
    ("assets", "Total Assets (FCFA)"),
    ("liabilities", "Liabilities (FCFA)"),
    ("income", "Income (FCFA)"),
    ("expenses", "Expenses (FCFA)"),
]


class SiamoIcamoFact(models.Model):
    """One figure of an IPM's return in the warehouse: a measure of a month, by région and
    category, known from the return's reception until a correction supersedes it. Facts are
    aggregates: no beneficiary, no care sheet, no medical data."""

    _name = "siamo.icamo.fact"
    _description = "Warehouse Fact"
    _order = "period desc, ipm_id, measure"
    # written a thousand at a time with one COPY, never changed but for known_until
    _log_access = False

    return_id = fields.Many2one("siamo.icamo.return", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Regulator", required=True, index=True)
    ipm_id = fields.Many2one("siamo.icamo.ipm", string="IPM", required=True, index=True)
    period = fields.Date(string="Month", required=True, index=True)
    measure = fields.Selection(MEASURE_LABELS, required=True, index=True)
    value = BigInteger(required=True, aggregator="sum")
    region = fields.Char(help="ISO 3166-2 code of the region; empty for the IPM as a whole.")
    category = fields.Char(help="Beneficiary category, act class or refusal reason.")
    sex = fields.Char()
    age_band = fields.Char()
    known_from = fields.Datetime(required=True)
    known_until = fields.Datetime(help="When a correction superseded it; empty while current.")
