from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


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
        cls.manager_a = user("rules_manager_a", cls.ipm_a, "siamo_ipm.group_agreement_manager")

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
