from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SiamoIpmCase


@tagged("post_install", "-at_install")
class TestIpmAccess(SiamoIpmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = cls._ipm_user("ipm_user_a", cls.ipm_a)
        cls.manager_b = cls._ipm_user("ipm_manager_b", cls.ipm_b, "siamo_ipm.group_ipm_manager")
        hr_contact = cls.env["res.partner"].create(
            {"name": "RH Employeur A", "parent_id": cls.employer_a.id}
        )
        cls.company_portal_a = cls._portal_user(
            "portal_company_a", hr_contact, cls.ipm_a, "siamo_ipm.group_portal_member_company"
        )
        worker = cls.env["res.partner"].create({"name": "Moussa Test"})
        cls.participant_a.partner_id = worker
        cls.participant_portal_a = cls._portal_user(
            "portal_participant_a", worker, cls.ipm_a, "siamo_ipm.group_portal_participant"
        )
        cls.all_beneficiaries = (
            cls.participant_a | cls.spouse_a | cls.participant_a2 | cls.participant_b | cls.child_b
        )

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_ipm_user_sees_only_his_ipm(self):
        visible = self._visible(self.user_a, self.all_beneficiaries)
        self.assertEqual(visible, self.participant_a | self.spouse_a | self.participant_a2)
        with self.assertRaises(AccessError):
            self.participant_b.with_user(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.membership_b.with_user(self.user_a).read(["name"])

    def test_other_ipm_manager_sees_nothing_of_ipm_a(self):
        visible = self._visible(self.manager_b, self.all_beneficiaries)
        self.assertEqual(visible, self.participant_b | self.child_b)
        with self.assertRaises(AccessError):
            self.participant_a.with_user(self.manager_b).write({"salary": 1})

    def test_ipm_user_cannot_delete_but_manager_can(self):
        with self.assertRaises(AccessError):
            self.participant_a2.with_user(self.user_a).unlink()
        self.child_b.with_user(self.manager_b).unlink()
        self.assertFalse(self.child_b.exists())

    def test_member_company_sees_its_workers_and_families_only(self):
        visible = self._visible(self.company_portal_a, self.all_beneficiaries)
        self.assertEqual(visible, self.participant_a | self.spouse_a | self.participant_a2)
        with self.assertRaises(AccessError):
            self.participant_b.with_user(self.company_portal_a).read(["name"])
        self.assertEqual(
            self.env["siamo.membership"].with_user(self.company_portal_a).search([]),
            self.membership_a,
        )
        with self.assertRaises(AccessError):
            self.participant_a.with_user(self.company_portal_a).write({"name": "Changé"})

    def test_participant_sees_his_family_only(self):
        visible = self._visible(self.participant_portal_a, self.all_beneficiaries)
        self.assertEqual(visible, self.participant_a | self.spouse_a)
        with self.assertRaises(AccessError):
            self.participant_a2.with_user(self.participant_portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.env["siamo.membership"].with_user(self.participant_portal_a).search([])

    def test_groups_hierarchy(self):
        manager = self.env.ref("siamo_ipm.group_ipm_manager")
        implied = manager.trans_implied_ids
        for xmlid in (
            "siamo_ipm.group_ipm_user",
            "siamo_ipm.group_ipm_medical_officer",
            "siamo_ipm.group_ipm_accountant",
            "account.group_account_invoice",
            "siamo_ipm.group_agreement_manager",
        ):
            self.assertIn(self.env.ref(xmlid), implied, xmlid)
        self.assertIn(
            self.env.ref("base.group_portal"),
            self.env.ref("siamo_ipm.group_portal_participant").implied_ids,
        )

    def test_ipm_menu_for_staff_only(self):
        menu = self.env.ref("siamo_ipm.siamo_ipm_menu_root")
        menus = self.env["ir.ui.menu"]
        self.assertEqual(menus.with_user(self.user_a).search([("id", "=", menu.id)]), menu)
        with self.assertRaises(AccessError):
            menus.with_user(self.company_portal_a).search([("id", "=", menu.id)])
        # the staff reads the agreements and the care package; the rules are the manager's
        rules = self.env.ref("siamo_ipm.siamo_ipm_rule_menu")
        agreements = self.env.ref("siamo_ipm.siamo_agreement_menu")
        self.assertFalse(menus.with_user(self.user_a).search([("id", "=", rules.id)]))
        self.assertTrue(menus.with_user(self.user_a).search([("id", "=", agreements.id)]))
        self.assertTrue(menus.with_user(self.manager_b).search([("id", "=", rules.id)]))

    def test_ipm_staff_and_managers_do_not_import_national_referentials(self):
        values = {"referential": "medicines", "file": b"Y29kZQo=", "filename": "m.csv"}
        for user in (self.user_a, self.manager_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError), self.cr.savepoint():
                self.env["siamo.referential.import"].with_user(user).create(values)
