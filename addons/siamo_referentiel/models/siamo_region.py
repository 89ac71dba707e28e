from odoo import fields, models


class SiamoRegion(models.Model):
    _name = "siamo.region"
    _description = "Region of Senegal"
    _order = "name"

    name = fields.Char(required=True, translate=False)
    code = fields.Char(string="ISO 3166-2 Code", required=True, help="For example SN-DK for Dakar.")
    department_ids = fields.One2many("siamo.department", "region_id", string="Departments")
    department_count = fields.Integer(compute="_compute_department_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two regions cannot share the same ISO code."),
    ]

    def _compute_department_count(self):
        counts = dict(
            self.env["siamo.department"]._read_group(
                [("region_id", "in", self.ids)], ["region_id"], ["__count"]
            )
        )
        for region in self:
            region.department_count = counts.get(region, 0)
