from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestReferentialAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = new_test_user(cls.env, login="ref_internal", groups="base.group_user")
        cls.referential_manager = new_test_user(
            cls.env,
            login="ref_manager",
            groups="siamo_referentiel.group_referential_manager",
        )
        cls.portal_user = new_test_user(cls.env, login="ref_portal", groups="base.group_portal")
        cls.dakar = cls.env.ref("siamo_referentiel.region_dk")

    def test_national_divisions_are_shipped(self):
        regions = self.env["siamo.region"].search([])
        self.assertEqual(len(regions), 14)
        self.assertEqual(self.env["siamo.department"].search_count([]), 46)
        self.assertEqual(self.dakar.code, "SN-DK")
        self.assertEqual(
            sorted(self.dakar.department_ids.mapped("name")),
            ["Dakar", "Guédiawaye", "Keur Massar", "Pikine", "Rufisque"],
        )

    def test_everyone_reads_the_referentials(self):
        for user in (self.internal_user, self.portal_user):
            self.assertEqual(self.dakar.with_user(user).name, "Dakar")

    def test_only_referential_managers_write(self):
        with self.assertRaises(AccessError):
            self.dakar.with_user(self.internal_user).write({"name": "Cap-Vert"})
        with self.assertRaises(AccessError):
            self.env["siamo.region"].with_user(self.portal_user).create(
                {"name": "Nouvelle", "code": "SN-XX"}
            )
        self.dakar.with_user(self.referential_manager).write({"name": "Dakar (région)"})
        self.assertEqual(self.dakar.name, "Dakar (région)")

    def test_referentials_menu_hidden_from_portal(self):
        menu = self.env.ref("siamo_referentiel.siamo_referentiel_menu_root")
        menus = self.env["ir.ui.menu"]
        with self.assertRaises(AccessError):
            menus.with_user(self.portal_user).search([("id", "=", menu.id)])
        self.assertEqual(menus.with_user(self.internal_user).search([("id", "=", menu.id)]), menu)
