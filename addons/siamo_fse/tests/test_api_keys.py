import json
import re

from odoo import http
from odoo.tests import new_test_user, tagged

from .common import FseHttpCase


@tagged("post_install", "-at_install")
class TestProviderApiKeys(FseHttpCase):
    """A provider creates, names and revokes its API keys from its portal; a revoked key is
    refused at once; only a provider has the page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clinic_user = cls._provider_user("cles_clinique", cls.clinic)

    def _create(self, name, password="cles_clinique", duration="365"):
        return self.url_open(
            "/my/api-keys/new",
            data={
                "name": name,
                "duration": duration,
                "password": password,
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def _submit(self, key, sheet_id):
        return self.url_open(
            "/siamo/api/v1/fse",
            data=json.dumps(self._sheet(sheet_id)),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )

    def _keys(self, user):
        return self.env["res.users.apikeys"].sudo().search([("user_id", "=", user.id)])

    def test_a_provider_creates_a_named_key_uses_it_then_revokes_it(self):
        self.authenticate("cles_clinique", "cles_clinique")
        home = self.url_open("/my").text
        self.assertIn('href="/my/api-keys"', home)
        page = self._create("Logiciel de facturation")
        self.assertEqual(page.status_code, 200)
        [key] = re.findall(r'value="([0-9a-f]{40})"', page.text)
        stored = self._keys(self.clinic_user)
        self.assertEqual(stored.mapped("name"), ["Logiciel de facturation"])
        self.assertGreater(
            (stored.expiration_date - stored.create_date).days, 360, "a key works for a year"
        )
        # shown once: the list does not show it again
        self.assertNotIn(key, self.url_open("/my/api-keys").text)
        self.assertEqual(self._submit(key, "CLE-1").status_code, 201)
        self.url_open(
            f"/my/api-keys/{stored.id}/revoke",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertFalse(self._keys(self.clinic_user))
        refused = self._submit(key, "CLE-2")
        self.assertEqual(refused.status_code, 401)
        self.assertFalse(self.env["siamo.fse.submission"].search([("sheet_id", "=", "CLE-2")]))

    def test_a_key_needs_a_name_and_the_password(self):
        self.authenticate("cles_clinique", "cles_clinique")
        self.assertIn("o_siamo_form_error", self._create("Logiciel", password="faux").text)
        self.assertIn("o_siamo_form_error", self._create("  ").text)
        self.assertIn("o_siamo_form_error", self._create("Logiciel", duration="0").text)
        self.assertFalse(self._keys(self.clinic_user))

    def test_a_provider_revokes_only_its_own_keys(self):
        other = self._provider_user("cles_pharmacie", self.pharmacy)
        other_key = self.env["res.users.apikeys"].with_user(other).sudo()
        other_key._generate(None, "Pharmacie", None)
        [their_key] = self._keys(other)
        self.authenticate("cles_clinique", "cles_clinique")
        self.url_open(
            f"/my/api-keys/{their_key.id}/revoke",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertTrue(their_key.exists())
        self.assertNotIn("Pharmacie", self.url_open("/my/api-keys").text)

    def test_only_a_provider_has_the_page(self):
        worker = self.env["res.partner"].create({"name": "Participant Clés"})
        self._portal_user("cles_famille", worker, self.ipm_a, "siamo_ipm.group_portal_participant")
        self.authenticate("cles_famille", "cles_famille")
        self.assertNotIn('href="/my/api-keys"', self.url_open("/my").text)
        self.assertTrue(self.url_open("/my/api-keys").url.endswith("/my"))
        self._create("Intrus", password="cles_famille")
        self.assertFalse(self._keys(self.env["res.users"].search([("login", "=", "cles_famille")])))
        agent = new_test_user(
            self.env,
            login="cles_agent",
            groups="siamo_ipm.group_ipm_user",
            company_id=self.ipm_a.id,
            company_ids=[self.ipm_a.id],
        )
        self.authenticate("cles_agent", "cles_agent")
        self.assertTrue(self.url_open("/my/api-keys").url.endswith("/my"))
        self.assertFalse(self._keys(agent))

    def test_the_provider_walks_create_then_revoke_in_a_browser(self):
        self.clinic_user.password = "tour_cles"
        self.start_tour("/my", "siamo_provider_api_keys", login="cles_clinique")
        self.assertFalse(self._keys(self.clinic_user))
