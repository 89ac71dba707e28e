import base64
import re

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged

DEMO_PASSWORD = "siamo-demo"
DEMO_MANAGER = "gestionnaire@ipm-dakar.example.sn"


def _skip_without_demo(case):
    if not case.env.ref("siamo_ipm.ipm_dakar_demo", raise_if_not_found=False):
        case.skipTest("the database has no demo data")


@tagged("post_install", "-at_install")
class TestDemoFund(TransactionCase):
    """The demo data is a living fund: two IPMs on their charts, members, families, providers."""

    def setUp(self):
        super().setUp()
        _skip_without_demo(self)
        self.dakar = self.env.ref("siamo_ipm.ipm_dakar_demo")
        self.ciments = self.env.ref("siamo_ipm.ipm_ciments_du_cap_demo")

    def test_two_ipms_on_their_charts(self):
        self.assertEqual(
            (self.dakar.chart_template, self.ciments.chart_template), ("sn", "sn_syscebnl")
        )
        self.assertEqual((self.dakar | self.ciments).currency_id.name, "XOF")
        self.assertEqual(self.dakar.siamo_ipm_kind, "inter")
        self.assertEqual(self.ciments.siamo_ipm_kind, "company")

    def test_members_and_families(self):
        beneficiaries = self.env["siamo.beneficiary"]
        participants = beneficiaries.search([("relationship", "=", "participant")])
        self.assertGreaterEqual(len(participants), 30)
        self.assertGreaterEqual(len(participants.membership_id.partner_id), 4)
        self.assertGreater(beneficiaries.search_count([("relationship", "=", "spouse")]), 20)
        self.assertGreater(beneficiaries.search_count([("relationship", "=", "child")]), 30)
        polygamous = participants.filtered(
            lambda p: len(p.dependent_ids.filtered(lambda d: d.relationship == "spouse")) > 1
        )
        self.assertTrue(polygamous, "the demo shows a participant with two spouses")

    def test_five_kinds_of_provider(self):
        providers = self.env["res.partner"].search([("siamo_is_provider", "=", True)])
        self.assertTrue(
            {"hospital", "clinic", "pharmacy", "laboratory", "imaging"}
            <= set(providers.mapped("siamo_provider_kind"))
        )

    def test_demo_users_have_their_roles(self):
        roles = {
            "siamo_ipm.user_ipm_manager_demo": "siamo_ipm.group_ipm_manager",
            "siamo_ipm.user_ipm_user_demo": "siamo_ipm.group_ipm_user",
            "siamo_ipm.user_ipm_medical_officer_demo": "siamo_ipm.group_ipm_medical_officer",
            "siamo_ipm.user_ipm_accountant_demo": "siamo_ipm.group_ipm_accountant",
            "siamo_ipm.user_portal_member_company_demo": "siamo_ipm.group_portal_member_company",
            "siamo_ipm.user_portal_participant_demo": "siamo_ipm.group_portal_participant",
            "siamo_ipm.user_portal_provider_demo": "siamo_ipm.group_portal_provider",
        }
        for user_xmlid, group_xmlid in roles.items():
            self.assertTrue(self.env.ref(user_xmlid).has_group(group_xmlid), user_xmlid)

    def test_demo_manager_sees_only_his_ipm(self):
        manager = self.env.ref("siamo_ipm.user_ipm_manager_demo")
        visible = self.env["siamo.beneficiary"].with_user(manager).search([])
        self.assertTrue(visible)
        self.assertEqual(visible.company_id, self.dakar)

    def test_member_company_sees_its_contributions_and_request(self):
        user = self.env.ref("siamo_ipm.user_portal_member_company_demo")
        sahel = self.env.ref("siamo_ipm.membership_sahel_logistique_demo").partner_id
        invoices = (
            self.env["account.move"]
            .with_user(user)
            .search([("siamo_contribution_period_id", "!=", False)])
        )
        self.assertEqual(invoices.partner_id, sahel)
        self.assertEqual(invoices.state, "posted")
        request = self.env["siamo.member.request"].with_user(user).search([])
        self.assertEqual(request, self.env.ref("siamo_ipm.member_request_newborn_demo"))

    def test_demo_participant_sees_his_family(self):
        user = self.env.ref("siamo_ipm.user_portal_participant_demo")
        moussa = self.env.ref("siamo_ipm.participant_01_demo")
        visible = self.env["siamo.beneficiary"].with_user(user).search([])
        self.assertEqual(visible, moussa | moussa.dependent_ids)


@tagged("post_install", "-at_install")
class TestDemoInFrench(HttpCase):
    def setUp(self):
        super().setUp()
        _skip_without_demo(self)
        if not self.env["res.lang"]._lang_get("fr_FR").active:
            self.skipTest("fr_FR is not loaded in this database")

    def test_login_page_in_french_for_a_senegalese_browser(self):
        response = self.url_open("/web/login", headers={"Accept-Language": "fr-SN,fr;q=0.9"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Mot de passe", response.text)

    def test_ipm_manager_menus_in_french(self):
        self.authenticate(DEMO_MANAGER, DEMO_PASSWORD)
        response = self.url_open("/web/webclient/load_menus/siamo")
        self.assertEqual(response.status_code, 200)
        labels = {menu["name"] for menu in response.json().values()}
        self.assertTrue({"IPM", "Adhésions", "Participants"} <= labels, labels)
        self.assertNotIn("ICAMO", labels)


IPM_STAFF = {
    "siamo_ipm.user_ipm_manager_demo": "Gérante de l'IPM",
    "siamo_ipm.user_ipm_user_demo": "Agent de prestations",
    "siamo_ipm.user_ipm_medical_officer_demo": "Médecin-conseil",
    "siamo_ipm.user_ipm_accountant_demo": "Comptable",
    "siamo_ipm.user_ipm_ciments_manager_demo": "Gérant de l'IPM",
}


@tagged("post_install", "-at_install")
class TestDemoStaff(TransactionCase):
    """The IPMs' staff are their employees, work without the administrators' menus, and their
    IPM shows its logo."""

    def setUp(self):
        super().setUp()
        _skip_without_demo(self)

    def test_ipm_staff_are_employees_of_their_ipm(self):
        for xmlid, job in IPM_STAFF.items():
            user = self.env.ref(xmlid)
            employee = user.with_user(user).employee_id
            self.assertTrue(employee, xmlid)
            self.assertEqual(employee.job_title, job)
            self.assertEqual(employee.company_id, user.company_id)
            self.assertEqual(employee.user_id, user)
        manager = self.env.ref("siamo_ipm.user_ipm_manager_demo")
        colleagues = self.env["hr.employee"].with_user(manager).search([])
        self.assertEqual(colleagues.company_id, self.env.ref("siamo_ipm.ipm_dakar_demo"))
        self.assertEqual(len(colleagues), 4)

    def test_ipm_staff_do_not_see_the_apps_menu(self):
        apps = self.env.ref("base.menu_management")
        for xmlid in IPM_STAFF:
            user = self.env.ref(xmlid)
            self.assertNotIn(apps.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids())
            self.assertFalse(apps.groups_id & user.groups_id, xmlid)
            self.assertFalse(user.has_group("base.group_erp_manager"), xmlid)
        # the administrators keep it; portal users read no backend menu at all
        admin = self.env.ref("base.user_admin")
        self.assertIn(apps.id, self.env["ir.ui.menu"].with_user(admin)._visible_menu_ids())
        portal = self.env.ref("siamo_ipm.user_portal_member_company_demo")
        with self.assertRaises(AccessError):
            self.env["ir.ui.menu"].with_user(portal)._visible_menu_ids()

    def test_each_ipm_has_its_logo(self):
        for xmlid in ("siamo_ipm.ipm_dakar_demo", "siamo_ipm.ipm_ciments_du_cap_demo"):
            company = self.env.ref(xmlid)
            self.assertTrue(base64.b64decode(company.logo).startswith(b"\x89PNG"), xmlid)

    def test_benefits_list_shows_labels_before_codes(self):
        arch = etree.fromstring(self.env["siamo.amo.benefit"].get_view(view_type="list")["arch"])
        columns = [f for f in arch.iter("field") if f.get("widget") != "handle"]
        self.assertEqual(columns[0].get("name"), "name")
        code = arch.xpath("//field[@name='code']")[0]
        self.assertEqual(code.get("optional"), "hide")


@tagged("post_install", "-at_install")
class TestDemoPortalPictograms(HttpCase):
    def setUp(self):
        super().setUp()
        _skip_without_demo(self)

    def test_member_company_home_shows_the_ipm_pictograms(self):
        self.authenticate("rh@sahel-logistique.example.sn", DEMO_PASSWORD)
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        for icon in ("portal-beneficiaries", "portal-contributions", "portal-requests"):
            self.assertIn(f"/siamo_ipm/static/src/img/{icon}.svg", response.text)
        self.assertNotIn("/siamo_ipm/static/description/icon.png", response.text)
        svg = self.url_open("/siamo_ipm/static/src/img/portal-contributions.svg")
        self.assertEqual(svg.status_code, 200)

    def test_each_page_names_itself_in_the_breadcrumb(self):
        self.authenticate("rh@sahel-logistique.example.sn", DEMO_PASSWORD)
        pages = {
            "/my/beneficiaries": "Bénéficiaires",
            "/my/contributions": "Cotisations",
            "/my/requests": "Demandes à l'IPM",
        }
        for url, title in pages.items():
            with self.subTest(url=url):
                page = self.url_open(url).text
                crumbs = re.search(r'<ol class="o_portal_submenu breadcrumb.*?</ol>', page, re.S)
                self.assertTrue(crumbs, url)
                self.assertIn(title, crumbs.group(0).replace("&#39;", "'"))
