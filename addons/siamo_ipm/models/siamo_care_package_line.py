from decimal import Decimal

from odoo import api, fields, models

from siamo_core.package import Ceilings, PackageLine
from siamo_core.settlement import FrequencyLimit


class SiamoCarePackageLine(models.Model):
    _name = "siamo.care.package.line"
    _description = "Care Package Line"
    _check_company_auto = True
    _order = "package_id, sequence, id"

    package_id = fields.Many2one(
        "siamo.care.package", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="package_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    benefit_id = fields.Many2one("siamo.amo.benefit", required=True)
    act_class_id = fields.Many2one(
        "siamo.act.class",
        compute="_compute_act_class_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    act_id = fields.Many2one("siamo.act", help="Only this act, not its class.")
    medicine_id = fields.Many2one(
        "siamo.medicine", string="Medicine or Device", help="Only this product."
    )
    rate = fields.Float(string="Rate (%)", default=80.0, digits=(5, 2))
    needs_authorization = fields.Boolean()
    excluded = fields.Boolean(help="Leaves the act class or the item out of the package.")
    ceiling_per_act = fields.Integer(string="Ceiling per Act (FCFA)")
    ceiling_per_year_beneficiary = fields.Integer(string="Yearly Ceiling per Beneficiary (FCFA)")
    ceiling_per_year_family = fields.Integer(string="Yearly Ceiling per Family (FCFA)")
    frequency_count = fields.Integer(
        string="At Most (times)",
        help="How many times a beneficiary may receive this care within the days below; "
        "empty for no limit.",
    )
    frequency_days = fields.Integer(
        string="Within (days)", help="The sliding window of the frequency limit, in days."
    )

    _sql_constraints = [
        ("rate_range", "CHECK(rate >= 0 AND rate <= 100)", "A rate lies between 0 and 100 %."),
        (
            "one_item",
            "CHECK(act_id IS NULL OR medicine_id IS NULL)",
            "A line names an act or a product, not both.",
        ),
        (
            "frequency_complete",
            "CHECK((COALESCE(frequency_count, 0) > 0) = (COALESCE(frequency_days, 0) > 0)"
            " AND COALESCE(frequency_count, 0) >= 0 AND COALESCE(frequency_days, 0) >= 0)",
            "A frequency limit gives both a number of times and a number of days, above zero, "
            "or neither.",
        ),
    ]

    @api.depends("benefit_id")
    def _compute_act_class_id(self):
        for line in self:
            if len(line.benefit_id.act_class_ids) == 1:
                line.act_class_id = line.benefit_id.act_class_ids

    def _to_core(self):
        return [
            PackageLine(
                benefit=line.benefit_id.code,
                act_class=line.act_class_id.code or None,
                item_code=line.act_id.code or line.medicine_id.code or None,
                rate=Decimal(str(line.rate)) / 100,
                needs_authorization=line.needs_authorization,
                excluded=line.excluded,
                ceilings=Ceilings(
                    per_act=line.ceiling_per_act or None,
                    per_year_beneficiary=line.ceiling_per_year_beneficiary or None,
                    per_year_family=line.ceiling_per_year_family or None,
                ),
            )
            for line in self
        ]

    def _frequency_limits(self):
        """The engine's frequency limits, by item code or act class code."""
        return {
            line.act_id.code or line.medicine_id.code or line.act_class_id.code: FrequencyLimit(
                line.frequency_count, line.frequency_days
            )
            for line in self
            if line.frequency_count and not line.excluded
        }
