from odoo.addons.siamo_referentiel.tools.bulk import bulk_insert

from .common import SiamoReferentialCase


class TestBulkInsert(SiamoReferentialCase):
    def test_rows_streamed_from_a_generator_take_the_table_s_ids_and_defaults(self):
        letters = self.env["siamo.key.letter"]
        before = letters.search([], order="id desc", limit=1).id
        produced = []

        def rows():
            for index in range(3):
                produced.append(index)
                yield (f"BK{index}", f"Lettre {index}")

        written = bulk_insert(letters, ("code", "name"), rows())
        self.assertEqual(written, 3)
        self.assertEqual(produced, [0, 1, 2])
        self.assertEqual(bulk_insert(letters, ("code", "name"), iter(())), 0)
        new = letters.search([("code", "=like", "BK%")], order="id")
        self.assertEqual(new.mapped("code"), ["BK0", "BK1", "BK2"])
        self.assertEqual(new.mapped("name"), ["Lettre 0", "Lettre 1", "Lettre 2"])
        self.assertTrue(all(letter.id > before and letter.active for letter in new))
        self.assertEqual(new.create_uid, self.env.user)

    def test_a_model_with_stored_computed_fields_needs_its_records(self):
        communes = self.env["siamo.commune"]
        count = communes.search_count([])
        department = self.env.ref("siamo_referentiel.department_dakar")
        with self.assertRaises(ValueError):
            bulk_insert(communes, ("name", "department_id"), [("Commune BK", department.id)])
        self.assertEqual(communes.search_count([]), count)
