from datetime import date

from odoo.addons.siamo_referentiel.tests.common import SiamoReferentialCase
from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestTariff(SiamoReferentialCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ipm = cls.env["res.company"].create({"name": "IPM Tarifs", "siamo_role": "ipm"})
        cls.agreement = cls.env["siamo.agreement"].create(
            {
                "name": "CONV-T",
                "company_id": cls.ipm.id,
                "provider_id": cls.provider.id,
                "schedule_id": cls.schedule.id,
                "date_start": "2020-01-01",
                "state": "active",
            }
        )

    def test_tariff_on_each_side_of_a_schedule_change(self):
        before = self.agreement._tariff(self.act, date(2023, 12, 31))
        after = self.agreement._tariff(self.act, date(2024, 1, 1))
        self.assertEqual((before.amount, before.source), (4500, "key_letter"))
        self.assertEqual((after.amount, after.source), (5250, "key_letter"))

    def test_agreement_price_wins_over_the_schedule(self):
        self.agreement.price_ids = [
            (0, 0, {"act_id": self.act.id, "price": 4000, "date_from": "2024-06-01"})
        ]
        self.assertEqual(self.agreement._tariff(self.act, date(2024, 5, 31)).amount, 5250)
        negotiated = self.agreement._tariff(self.act, date(2024, 6, 1))
        self.assertEqual((negotiated.amount, negotiated.source), (4000, "agreement"))

    def test_medicine_at_its_public_price(self):
        self.assertEqual(self.agreement._tariff(self.medicine, date(2024, 1, 1)).amount, 850)

    def test_agreement_in_force_for_provider_contacts(self):
        contact = self.env["res.partner"].create({"name": "Guichet", "parent_id": self.provider.id})
        found = self.env["siamo.agreement"]._in_force(self.ipm, contact, date(2024, 1, 1))
        self.assertEqual(found, self.agreement)
        self.assertFalse(self.env["siamo.agreement"]._in_force(self.ipm, contact, date(2019, 1, 1)))

    def test_a_value_in_force_is_never_rewritten(self):
        with self.assertRaisesRegex(UserError, "never rewritten"):
            self.values[0].write({"value": 3100})
        future = self.env["siamo.key.letter.value"].create(
            {
                "key_letter_id": self.letter_c.id,
                "schedule_id": self.schedule.id,
                "value": 4000,
                "date_from": "2099-01-01",
            }
        )
        future.write({"value": 4200})
        self.assertEqual(future.value, 4200)
