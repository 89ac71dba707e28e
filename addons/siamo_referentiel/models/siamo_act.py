from decimal import Decimal

from odoo import fields, models

from siamo_core.tariff import Item


class SiamoAct(models.Model):
    _name = "siamo.act"
    _description = "Medical Act (nomenclature)"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True)
    name = fields.Char(string="Label", required=True)
    key_letter_id = fields.Many2one("siamo.key.letter", ondelete="restrict", index=True)
    coefficient = fields.Float(digits=(8, 2))
    act_class_id = fields.Many2one(
        "siamo.act.class", required=True, ondelete="restrict", index=True
    )
    benefit_id = fields.Many2one(
        "siamo.amo.benefit",
        string="AMO Benefit",
        ondelete="set null",
        domain="[('act_class_ids', 'in', act_class_id)]",
        help="The benefit the act falls under when its class spans several (a specialist "
        "consultation in the class of consultations): the care package's line for this "
        "benefit applies to it rather than the class's.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two acts cannot share the same code."),
        ("coefficient_positive", "CHECK(coefficient >= 0)", "A coefficient cannot be negative."),
    ]

    def _compute_display_name(self):
        for act in self:
            act.display_name = f"[{act.code}] {act.name}"

    def _to_core_item(self):
        self.ensure_one()
        return Item(
            code=self.code,
            act_class=self.act_class_id.code,
            key_letter=self.key_letter_id.code or None,
            coefficient=Decimal(str(self.coefficient)) if self.key_letter_id else None,
            benefit=self.benefit_id.code or None,
        )
