import base64

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

CHECKLIST = ("statutes", "internal_rules", "board", "headcount", "documents")


@tagged("post_install", "-at_install")
class TestIcamoAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"]
        cls.icamo = company.create({"name": "ICAMO Test", "siamo_role": "icamo"})
        cls.ipm = company.create(
            {"name": "IPM Test", "siamo_role": "ipm", "siamo_ipm_kind": "inter"}
        )
        cls.accreditation = cls.env["siamo.accreditation"].create(
            {"company_id": cls.icamo.id, "ipm_partner_id": cls.ipm.partner_id.id}
        )

        def user(login, group, company):
            return new_test_user(
                cls.env, login=login, groups=group, company_id=company.id, company_ids=[company.id]
            )

        cls.analyst = user("icamo_analyst", "siamo_icamo.group_icamo_analyst", cls.icamo)
        cls.admin = user("icamo_admin", "siamo_icamo.group_icamo_admin", cls.icamo)
        cls.ipm_staff = user("icamo_ipm_staff", "base.group_user", cls.ipm)

    def test_analyst_reads_but_does_not_write(self):
        self.assertEqual(
            self.accreditation.with_user(self.analyst).ipm_partner_id, self.ipm.partner_id
        )
        with self.assertRaises(AccessError):
            self.accreditation.with_user(self.analyst).write({"state": "granted"})

    def test_admin_grants_and_maintains_referentials(self):
        with self.assertRaises(AccessError):
            self.accreditation.with_user(self.admin).write({"state": "granted"})
        self.accreditation.write({"check_" + item: True for item in CHECKLIST})
        self.accreditation.visit_date = "2026-03-02"
        self.accreditation.with_user(self.admin).action_grant("2026-04-01", "2031-03-31")
        self.assertEqual(self.accreditation.state, "granted")
        self.assertTrue(self.admin.has_group("siamo_referentiel.group_referential_manager"))
        self.env.ref("siamo_referentiel.region_dk").with_user(self.admin).write({"name": "Dakar"})

    def test_ipm_staff_cannot_read_the_regulator_records(self):
        with self.assertRaises(AccessError):
            self.env["siamo.accreditation"].with_user(self.ipm_staff).search([])

    def test_icamo_in_another_company_sees_nothing(self):
        other_admin = new_test_user(
            self.env,
            login="icamo_other",
            groups="siamo_icamo.group_icamo_admin",
            company_id=self.ipm.id,
            company_ids=[self.ipm.id],
        )
        self.assertFalse(self.env["siamo.accreditation"].with_user(other_admin).search([]))

    def test_dates_are_checked(self):
        with self.assertRaises(ValidationError):
            self.accreditation.write({"date_start": "2026-01-01", "date_end": "2025-12-31"})

    def test_menu_for_icamo_only(self):
        menu = self.env.ref("siamo_icamo.siamo_icamo_menu_root")
        menus = self.env["ir.ui.menu"]
        self.assertEqual(menus.with_user(self.analyst).search([("id", "=", menu.id)]), menu)
        self.assertFalse(menus.with_user(self.ipm_staff).search([("id", "=", menu.id)]))

    def test_admin_imports_the_company_registry_and_the_analyst_does_not(self):
        content = base64.b64encode(
            "ninea;raison_sociale;effectif\n3067221 2G2;Société Registre;350\n".encode()
        )
        values = {"referential": "companies", "file": content, "filename": "entreprises.csv"}
        imports = self.env["siamo.referential.import"]
        for user in (self.analyst, self.ipm_staff):
            with self.subTest(user=user.login), self.assertRaises(AccessError), self.cr.savepoint():
                imports.with_user(user).create(values)
        self.assertFalse(self.env["res.partner"].search([("siamo_ninea", "=", "30672212G2")]))
        imports.with_user(self.admin).create(values).action_import()
        company = self.env["res.partner"].search([("siamo_ninea", "=", "30672212G2")])
        self.assertEqual((company.name, company.create_uid), ("Société Registre", self.admin))


@tagged("post_install", "-at_install")
class TestIcamoDemo(TransactionCase):
    def test_regulator_and_its_users(self):
        icamo = self.env.ref("siamo_icamo.icamo_demo", raise_if_not_found=False)
        if not icamo:
            self.skipTest("the database has no demo data")
        self.assertEqual(icamo.siamo_role, "icamo")
        analyst = self.env.ref("siamo_icamo.user_icamo_analyst_demo")
        admin = self.env.ref("siamo_icamo.user_icamo_admin_demo")
        self.assertTrue(analyst.has_group("siamo_icamo.group_icamo_analyst"))
        self.assertFalse(analyst.has_group("siamo_icamo.group_icamo_admin"))
        self.assertTrue(admin.has_group("siamo_referentiel.group_referential_manager"))
        granted = (
            self.env["siamo.accreditation"].with_user(analyst).search([("state", "=", "granted")])
        )
        self.assertEqual(granted.ipm_partner_id.name, "IPM Interentreprises de Dakar")
        applicant = self.env.ref("siamo_icamo.user_accreditation_applicant_demo")
        files = self.env["siamo.accreditation"].with_user(applicant).search([])
        self.assertEqual(files.ipm_partner_id.name, "IPM Ciments du Cap")
