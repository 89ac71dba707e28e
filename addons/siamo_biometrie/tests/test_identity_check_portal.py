from odoo.tests import new_test_user, tagged

from .common import NIN_A, IdentityHttpCase

RECORD = "/my/identity-checks/record"


class PortalActors:
    """The clinic's and the pharmacy's checks of IPM A's families, and the portal users who
    read them, in French: Moussa (participant, with his spouse Fatou), Lamine (another family)
    and the HR contact of their employer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.moussa_user = cls._family_user("bio_moussa", cls.participant_a, "Moussa Test")
        cls.lamine_user = cls._family_user("bio_lamine", cls.participant_a2, "Lamine Test")
        hr_contact = cls.env["res.partner"].create(
            {"name": "RH Bio", "parent_id": cls.employer_a.id}
        )
        cls.hr_user = cls._portal_user(
            "bio_rh", hr_contact, cls.ipm_a, "siamo_ipm.group_portal_member_company"
        )
        (cls.clinic_user | cls.pharmacy_user | cls.hr_user).lang = "fr_FR"
        cls.moussa_check = cls._record(cls.clinic_user, cls.clinic)
        cls.spouse_check, cls.pharmacy_check = cls._record_other_visits()

    @classmethod
    def _family_user(cls, login, participant, name):
        participant.partner_id = cls.env["res.partner"].create({"name": name})
        user = new_test_user(
            cls.env,
            login=login,
            groups="siamo_ipm.group_portal_participant",
            partner_id=participant.partner_id.id,
            company_id=cls.ipm_a.id,
            company_ids=[cls.ipm_a.id],
        )
        user.lang = "fr_FR"
        return user


@tagged("post_install", "-at_install")
class TestIdentityCheckPortal(PortalActors, IdentityHttpCase):
    """Each portal user reads only the checks that are his, whatever URL he types; a
    provider records a check from its page, a refusal writes nothing."""

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _counters(self):
        return self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["siamo_identity_check_count", "siamo_identity_check_new"]},
        )

    def test_a_provider_lists_its_checks_only(self):
        self._login(self.clinic_user)
        page = self.url_open("/my/identity-checks")
        self.assertEqual(page.status_code, 200)
        for check in (self.moussa_check, self.spouse_check):
            self.assertIn(check.name, page.text)
        self.assertIn("Moussa Test", page.text)
        self.assertIn("Contrôles d&#39;identité", page.text.replace("'", "&#39;"))
        self.assertNotIn(self.pharmacy_check.name, page.text)
        self.assertNotIn("Lamine Test", page.text)
        own = self.url_open(f"/my/identity-checks/{self.moussa_check.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.moussa_check.name, own.text)
        for check_id in (self.pharmacy_check.id, 999999):
            other = self.url_open(f"/my/identity-checks/{check_id}")
            self.assertEqual(other.status_code, 404, check_id)
            self.assertNotIn(self.pharmacy_check.name, other.text)
        self.assertEqual(
            self._counters(), {"siamo_identity_check_count": 2, "siamo_identity_check_new": 1}
        )

    def test_the_provider_list_is_paged(self):
        for _index in range(40):
            self._record(self.clinic_user, self.clinic)
        self._login(self.clinic_user)
        first = self.url_open("/my/identity-checks")
        second = self.url_open("/my/identity-checks/page/2")
        # the newest first: the two set-up checks are on the second page, alone
        self.assertNotIn(self.moussa_check.name, first.text)
        self.assertIn(self.moussa_check.name, second.text)
        self.assertEqual(second.text.count('o_siamo_identity_check"'), 2)
        self.assertIn("/my/identity-checks/page/2", first.text)

    def test_a_participant_reads_his_familys_checks_only(self):
        self._login(self.moussa_user)
        page = self.url_open("/my/identity-checks")
        self.assertEqual(page.status_code, 200)
        for check in (self.moussa_check, self.spouse_check):
            self.assertIn(check.name, page.text)
        self.assertIn("Fatou Test", page.text)
        self.assertIn("Clinique Test", page.text)
        self.assertNotIn(self.pharmacy_check.name, page.text)
        self.assertEqual(
            self.url_open(f"/my/identity-checks/{self.pharmacy_check.id}").status_code, 404
        )
        self.assertEqual(
            self.url_open(f"/my/identity-checks/{self.spouse_check.id}").status_code, 200
        )
        # he reads, he does not check
        self.assertTrue(self.url_open("/my/identity-checks/new").url.endswith("/my"))
        self.assertEqual(
            self._counters(), {"siamo_identity_check_count": 2, "siamo_identity_check_new": 0}
        )
        self._login(self.lamine_user)
        page = self.url_open("/my/identity-checks")
        self.assertIn(self.pharmacy_check.name, page.text)
        self.assertNotIn(self.moussa_check.name, page.text)

    def test_a_member_company_has_no_identity_checks(self):
        self._login(self.hr_user)
        for url in ("/my/identity-checks", "/my/identity-checks/new"):
            self.assertTrue(self.url_open(url).url.endswith("/my"), url)
        self.assertEqual(
            self.url_open(f"/my/identity-checks/{self.moussa_check.id}").status_code, 404
        )
        self.assertEqual(
            self._counters(), {"siamo_identity_check_count": 0, "siamo_identity_check_new": 0}
        )

    def _checks(self):
        return self.env["siamo.identity.check"].search([("channel", "=", "portal")])

    def test_the_page_records_the_agents_answer_and_gives_the_proof(self):
        before = self._checks()
        self._login(self.clinic_user)
        page = self.url_open("/my/identity-checks/new")
        self.assertIn("o_siamo_identity_check_form", page.text)
        self.assertIn('data-agent-url="http://127.0.0.1:8765"', page.text)
        answer = self.make_jsonrpc_request(RECORD, {"payload": self._payload()})
        check = self._checks() - before
        self.assertEqual(answer["id"], check.name)
        self.assertEqual(answer["beneficiary"]["name"], "Moussa Test")
        self.assertEqual(
            (check.provider_id, check.user_id, check.beneficiary_id.nin, check.channel),
            (self.clinic, self.clinic_user, NIN_A, "portal"),
        )

    def test_the_json_route_refuses_a_non_provider_and_bad_input(self):
        before = self._checks()
        for user in (self.moussa_user, self.hr_user):
            self._login(user)
            answer = self.make_jsonrpc_request(RECORD, {"payload": self._payload()})
            self.assertEqual(answer["error"]["code"], "not_a_provider")
            self.assertIn("prestataire", answer["error"]["message"])
        self._login(self.clinic_user)
        for payload, code in (
            (None, "IDC_NOT_AN_OBJECT"),
            (self._payload(method="visual", card=None), "IDC_REASON_REQUIRED"),
            # the agent's message is the page's to show, not the server's to record
            (self._payload(message="Identité confirmée"), "IDC_UNKNOWN_FIELD"),
        ):
            answer = self.make_jsonrpc_request(RECORD, {"payload": payload})
            self.assertEqual(answer["error"]["code"], code, answer)
            self.assertTrue(answer["error"]["message"])
        self._login(self.pharmacy_user)
        answer = self.make_jsonrpc_request(
            RECORD, {"payload": self._payload(beneficiary={"member_number": "INCONNU-1"})}
        )
        self.assertEqual(answer["error"]["code"], "IDC_BENEFICIARY_UNKNOWN")
        self.assertIn("Aucun bénéficiaire", answer["error"]["message"])
        self.assertEqual(self._checks(), before)

    def test_the_agent_port_is_a_setting(self):
        admin = new_test_user(self.env, login="bio_settings_admin", groups="base.group_system")
        settings = self.env["res.config.settings"].with_user(admin).create({})
        self.assertEqual(settings.siamo_card_agent_port, 8765)
        settings.siamo_card_agent_port = 9123
        settings.execute()
        self._login(self.clinic_user)
        page = self.url_open("/my/identity-checks/new")
        self.assertIn('data-agent-url="http://127.0.0.1:9123"', page.text)
