from odoo.tests import tagged

from .common import SiamoIpmHttpCase


@tagged("post_install", "-at_install")
class TestPortal(SiamoIpmHttpCase):
    """A portal user reaches only his own company or his own family, whatever URL he types."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner = cls.env["res.partner"]
        hr_a = partner.create({"name": "RH A", "parent_id": cls.employer_a.id})
        cls._portal_user("portal_rh_a", hr_a, cls.ipm_a, "siamo_ipm.group_portal_member_company")
        worker = partner.create({"name": "Moussa Test"})
        cls.participant_a.partner_id = worker
        cls._portal_user("portal_moussa", worker, cls.ipm_a, "siamo_ipm.group_portal_participant")

    def test_member_company_lists_its_workers_and_families(self):
        self.authenticate("portal_rh_a", "portal_rh_a")
        page = self.url_open("/my/beneficiaries")
        self.assertEqual(page.status_code, 200)
        for name in ("Moussa Test", "Fatou Test", "Lamine Test"):
            self.assertIn(name, page.text)
        for name in ("Ousmane Test", "Awa Test"):
            self.assertNotIn(name, page.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/beneficiaries", home.text)

    def test_guessing_the_id_of_another_company_gets_nothing(self):
        self.authenticate("portal_rh_a", "portal_rh_a")
        own = self.url_open(f"/my/beneficiaries/{self.spouse_a.id}")
        self.assertIn("Fatou Test", own.text)
        for other in (self.participant_b, self.child_b):
            response = self.url_open(f"/my/beneficiaries/{other.id}")
            self.assertNotIn(other.name, response.text)
            self.assertTrue(response.url.endswith("/my"), response.url)
        missing = self.url_open("/my/beneficiaries/999999")
        self.assertTrue(missing.url.endswith("/my"))

    def test_participant_sees_his_family_and_their_rights(self):
        self.authenticate("portal_moussa", "portal_moussa")
        page = self.url_open("/my/beneficiaries")
        self.assertIn("Moussa Test", page.text)
        self.assertIn("Fatou Test", page.text)
        self.assertNotIn("Lamine Test", page.text)
        detail = self.url_open(f"/my/beneficiaries/{self.spouse_a.id}")
        # the reason in the participant's own language, as the portal shows it to him
        moussa = self.env["res.users"].search([("login", "=", "portal_moussa")])
        explanation = self.spouse_a.with_context(lang=moussa.lang).rights_explanation
        self.assertTrue(explanation)
        self.assertIn(explanation, detail.text.replace("&#39;", "'"))
        response = self.url_open(f"/my/beneficiaries/{self.participant_a2.id}")
        self.assertNotIn("Lamine Test", response.text)
