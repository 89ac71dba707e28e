from odoo import fields, models

from siamo_core.tariff import AgreementPrice


class SiamoAgreementPrice(models.Model):
    _name = "siamo.agreement.price"
    _description = "Negotiated Price of an Agreement"
    _check_company_auto = True
    _order = "agreement_id, date_from desc, id"

    agreement_id = fields.Many2one("siamo.agreement", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    act_id = fields.Many2one("siamo.act")
    medicine_id = fields.Many2one("siamo.medicine", string="Medicine or Device")
    price = fields.Integer(string="Price (FCFA)", required=True)
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid Until")

    _sql_constraints = [
        ("price_positive", "CHECK(price >= 0)", "A price cannot be negative."),
        (
            "one_item",
            "CHECK((act_id IS NULL) != (medicine_id IS NULL))",
            "A negotiated price names exactly one act or one product.",
        ),
    ]

    def _to_core(self):
        return [
            AgreementPrice(
                item_code=price.act_id.code or price.medicine_id.code,
                price=price.price,
                date_from=price.date_from or None,
                date_to=price.date_to or None,
            )
            for price in self
        ]
