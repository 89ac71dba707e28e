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


@tagged("post_install", "-at_install")
class TestIpmRulesAccess(TransactionCase):
    """An IPM's agreements and care package belong to that IPM alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"]
        cls.ipm_a = company.create({"name": "IPM Accès A", "siamo_role": "ipm"})
        cls.ipm_b = company.create({"name": "IPM Accès B", "siamo_role": "ipm"})
        provider = cls.env["res.partner"].create(
            {
                "name": "Hôpital Accès",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "hospital",
            }
        )
        schedule = cls.env.ref("siamo_referentiel.tariff_schedule_ipm")

        def agreement(ipm):
            return cls.env["siamo.agreement"].create(
                {
                    "name": f"CONV-{ipm.name}",
                    "company_id": ipm.id,
                    "provider_id": provider.id,
                    "schedule_id": schedule.id,
                    "date_start": "2024-01-01",
                }
            )

        cls.agreement_a = agreement(cls.ipm_a)
        cls.agreement_b = agreement(cls.ipm_b)
        cls.package_b = cls.env["siamo.care.package"].create(
            {"name": "Panier B", "company_id": cls.ipm_b.id}
        )

        def user(login, ipm, groups):
            return new_test_user(
                cls.env, login=login, groups=groups, company_id=ipm.id, company_ids=[ipm.id]
            )

        cls.staff_a = user("rules_staff_a", cls.ipm_a, "base.group_user")
        cls.manager_a = user(
            "rules_manager_a", cls.ipm_a, "siamo_referentiel.group_agreement_manager"
        )

    def test_staff_reads_own_ipm_agreements_only(self):
        agreements = self.env["siamo.agreement"].with_user(self.staff_a)
        self.assertEqual(agreements.search([]), self.agreement_a)
        with self.assertRaises(AccessError):
            self.agreement_b.with_user(self.staff_a).read(["name"])
        with self.assertRaises(AccessError):
            self.package_b.with_user(self.staff_a).read(["name"])
        with self.assertRaises(AccessError):
            self.agreement_a.with_user(self.staff_a).write({"direct_payment": True})

    def test_agreement_manager_writes_own_ipm_only(self):
        self.agreement_a.with_user(self.manager_a).write({"direct_payment": True})
        self.assertTrue(self.agreement_a.direct_payment)
        with self.assertRaises(AccessError):
            self.agreement_b.with_user(self.manager_a).write({"direct_payment": True})

    def test_national_nomenclature_is_read_only_for_ipms(self):
        act_class = self.env.ref("siamo_referentiel.act_class_consultation")
        with self.assertRaises(AccessError):
            self.env["siamo.act"].with_user(self.manager_a).create(
                {"code": "X1", "name": "X", "act_class_id": act_class.id}
            )
        with self.assertRaises(AccessError):
            self.env["siamo.referential.import"].with_user(self.manager_a).create(
                {"referential": "acts"}
            )

    def test_agreement_activated_and_terminated_by_its_ipms_manager_only(self):
        self.agreement_a.state = "draft"
        for action in ("action_activate", "action_terminate"):
            with self.subTest(action=action), self.assertRaises(AccessError), self.cr.savepoint():
                getattr(self.agreement_a.with_user(self.staff_a), action)()
            with self.subTest(action=action), self.assertRaises(AccessError), self.cr.savepoint():
                getattr(self.agreement_b.with_user(self.manager_a), action)()
        self.assertEqual(self.agreement_a.state, "draft")
        self.assertEqual(self.agreement_b.state, "draft")
        self.agreement_a.with_user(self.manager_a).action_activate()
        self.assertEqual(self.agreement_a.state, "active")
        self.agreement_a.with_user(self.manager_a).action_terminate()
        self.assertEqual(self.agreement_a.state, "terminated")
