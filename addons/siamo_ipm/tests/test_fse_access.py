from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SiamoIpmCase


@tagged("post_install", "-at_install")
class TestFseAccess(SiamoIpmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner = cls.env["res.partner"]
        cls.clinic = partner.create(
            {
                "name": "Clinique A",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "clinic",
            }
        )
        cls.pharmacy = partner.create(
            {
                "name": "Pharmacie B",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "pharmacy",
            }
        )
        # the clinic works with IPM A only: its sheet at IPM B is out of its reach
        schedule = cls.env["siamo.tariff.schedule"].create({"name": "Tarif accès", "code": "TACC"})
        cls.env["siamo.agreement"].create(
            {
                "name": "Convention Clinique A",
                "company_id": cls.ipm_a.id,
                "provider_id": cls.clinic.id,
                "schedule_id": schedule.id,
                "date_start": "2020-01-01",
                "state": "active",
            }
        )
        cls.fse_clinic_a = cls._create_fse(cls.clinic, cls.participant_a)
        cls.fse_pharmacy_a = cls._create_fse(cls.pharmacy, cls.spouse_a)
        cls.fse_clinic_b = cls._create_fse(cls.clinic, cls.participant_b)
        cls.all_sheets = cls.fse_clinic_a | cls.fse_pharmacy_a | cls.fse_clinic_b
        cls.user_a = cls._ipm_user("fse_user_a", cls.ipm_a)
        clinic_contact = partner.create({"name": "Accueil Clinique", "parent_id": cls.clinic.id})
        cls.clinic_portal = cls._portal_user(
            "fse_clinic_portal", clinic_contact, cls.ipm_a, "siamo_ipm.group_portal_provider"
        )
        worker = partner.create({"name": "Participant A"})
        cls.participant_a.partner_id = worker
        cls.participant_portal = cls._portal_user(
            "fse_participant_portal", worker, cls.ipm_a, "siamo_ipm.group_portal_participant"
        )

    @classmethod
    def _create_fse(cls, provider, beneficiary):
        return cls.env["siamo.fse"].create(
            {
                "company_id": beneficiary.company_id.id,
                "provider_id": provider.id,
                "beneficiary_id": beneficiary.id,
                "amount_claimed": 15000,
            }
        )

    def test_sheet_numbers(self):
        self.assertTrue(self.fse_clinic_a.name.startswith("FSE-"))
        self.assertNotEqual(self.fse_clinic_a.name, self.fse_pharmacy_a.name)

    def test_ipm_user_sees_the_sheets_of_his_ipm_only(self):
        visible = self.all_sheets.with_user(self.user_a).search([("id", "in", self.all_sheets.ids)])
        self.assertEqual(visible, self.fse_clinic_a | self.fse_pharmacy_a)
        with self.assertRaises(AccessError):
            self.fse_clinic_b.with_user(self.user_a).read(["amount_claimed"])

    def test_provider_sees_only_its_own_sheets(self):
        sheets = self.env["siamo.fse"].with_user(self.clinic_portal)
        self.assertEqual(sheets.search([]), self.fse_clinic_a)
        with self.assertRaises(AccessError):
            self.fse_pharmacy_a.with_user(self.clinic_portal).read(["amount_claimed"])
        with self.assertRaises(AccessError):
            self.fse_clinic_a.with_user(self.clinic_portal).write({"amount_claimed": 1})

    def test_participant_reads_only_his_family_sheets(self):
        sheets = self.env["siamo.fse"].with_user(self.participant_portal)
        self.assertEqual(sheets.search([]), self.fse_clinic_a | self.fse_pharmacy_a)
        with self.assertRaises(AccessError):
            self.fse_clinic_b.with_user(self.participant_portal).read(["amount_claimed"])
        with self.assertRaises(AccessError):
            self.fse_clinic_a.with_user(self.participant_portal).write({"amount_claimed": 1})

    def test_menu_for_ipm_staff(self):
        menu = self.env.ref("siamo_ipm.siamo_fse_menu")
        menus = self.env["ir.ui.menu"]
        self.assertEqual(menus.with_user(self.user_a).search([("id", "=", menu.id)]), menu)
        with self.assertRaises(AccessError):
            menus.with_user(self.clinic_portal).search([("id", "=", menu.id)])
