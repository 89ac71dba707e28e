from odoo.addons.siamo_referentiel.tools.bulk import bulk_create

from .common import SiamoReferentialCase


class TestBulkCreate(SiamoReferentialCase):
    def test_rows_written_without_their_records_take_the_table_s_ids(self):
        letters = self.env["siamo.key.letter"]
        before = letters.search([], order="id desc", limit=1).id
        written = bulk_create(
            letters,
            [{"code": f"BK{index}", "name": f"Lettre {index}"} for index in range(3)],
            returning=False,
        )
        self.assertIsNone(written)
        self.assertIsNone(bulk_create(letters, [], returning=False))
        new = letters.search([("code", "=like", "BK%")], order="id")
        self.assertEqual(new.mapped("code"), ["BK0", "BK1", "BK2"])
        self.assertTrue(all(letter.id > before and letter.active for letter in new))

    def test_a_model_with_stored_computed_fields_needs_its_records(self):
        prices = self.env["siamo.agreement.price"]
        count = prices.search_count([])
        with self.assertRaises(ValueError):
            bulk_create(prices, [{"act_id": self.act.id, "price": 1_000}], returning=False)
        self.assertEqual(prices.search_count([]), count)
