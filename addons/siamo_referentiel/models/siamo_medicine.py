from odoo import api, fields, models

from siamo_core.tariff import Item


class SiamoMedicine(models.Model):
    _name = "siamo.medicine"
    _description = "Medicine or Medical Device"
    _order = "name"
    _rec_names_search = ["code", "name", "inn"]

    code = fields.Char(required=True)
    name = fields.Char(string="Brand Name", required=True)
    inn = fields.Char(string="INN", help="International non-proprietary name (DCI).")
    form = fields.Char()
    strength = fields.Char()
    public_price = fields.Integer(string="Public Price (FCFA)", required=True)
    generic = fields.Boolean()
    therapeutic_class = fields.Char()
    reimbursable = fields.Boolean(default=True)
    kind = fields.Selection(
        [("medicine", "Medicine"), ("device", "Medical Device")],
        required=True,
        default="medicine",
    )
    act_class_id = fields.Many2one("siamo.act.class", compute="_compute_act_class_id")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two medicines cannot share the same code."),
        ("public_price_positive", "CHECK(public_price >= 0)", "A price cannot be negative."),
    ]

    @api.depends("kind")
    def _compute_act_class_id(self):
        classes = self._act_class_of_kinds()
        for medicine in self:
            medicine.act_class_id = classes.get(medicine.kind)

    @api.model
    def _act_class_of_kinds(self):
        """``{kind: act class}``: a medicine is of the class "medicine", a device of the
        class "device"."""
        return {
            kind: self.env.ref(f"siamo_referentiel.act_class_{kind}", raise_if_not_found=False)
            for kind, _label in self._fields["kind"].selection
        }

    @api.model
    def _kinds_in_classes(self, classes):
        """The kinds of medicine whose act class is one of ``classes`` (siamo.act.class)."""
        return [
            kind for kind, act_class in self._act_class_of_kinds().items() if act_class in classes
        ]

    def _compute_display_name(self):
        for medicine in self:
            medicine.display_name = f"[{medicine.code}] {medicine.name}"

    def _to_core_item(self):
        self.ensure_one()
        return Item(
            code=self.code,
            act_class=self.act_class_id.code,
            public_price=self.public_price,
            reimbursable=self.reimbursable,
        )
