from odoo.tests import tagged
from odoo.tools import mute_logger

from siamo_core.identity_check import InvalidIdentityCheck, http_status

from .common import NIN_A, IdentityHttpCase

API = "/siamo/api/v1/identity-checks"


@tagged("post_install", "-at_install")
class TestIdentityCheckApi(IdentityHttpCase):
    """The card-reader agent posts its check with the provider's API key and gets the proof
    of presence; a refusal says why in French and writes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.clinic_token = cls._api_key(cls.clinic_user)
        cls.unbound_token = cls._api_key(cls.unbound_user)
        cls.ipm_token = cls._api_key(cls._ipm_user("bio_api_agent", cls.ipm_a))
        cls.providers = cls.clinic | cls.unbound

    def _post(self, body, token=None):
        return self._post_json(API, body, token or self.clinic_token)

    def _checks(self):
        return self.env["siamo.identity.check"].search(
            [("beneficiary_id.nin", "=", NIN_A), ("provider_id", "in", self.providers.ids)]
        )

    def test_a_provider_posts_its_check_and_gets_the_proof(self):
        response = self._post(self._payload())
        self.assertEqual(response.status_code, 201, response.text)
        answer = response.json()
        check = self._checks()
        self.assertEqual(answer["id"], check.name)
        self.assertEqual(answer["result"], "confirmed")
        self.assertEqual(
            answer["beneficiary"],
            {"name": self.participant_a.name, "member_number": self.participant_a.member_number},
        )
        self.assertEqual(
            (check.provider_id, check.user_id, check.channel),
            (self.clinic, self.clinic_user, "api"),
        )
        self.assertTrue(answer["checked_at"].endswith("Z"))

    def test_a_provider_without_agreement_learns_nothing_of_the_beneficiary(self):
        covered = self._post(self._payload(), token=self.unbound_token)
        nobody = self._post(
            self._payload(beneficiary={"nin": "1999199900011"}), token=self.unbound_token
        )
        self.assertEqual(covered.status_code, 404, covered.text)
        self.assertEqual(covered.json()["error"]["code"], "IDC_BENEFICIARY_UNKNOWN")
        self.assertIn("convention", covered.json()["error"]["message"])
        # covered by an IPM it has no agreement with, or by nobody: the same answer
        self.assertEqual(
            covered.json()["error"]["message"].replace(self.participant_a.nin, "?"),
            nobody.json()["error"]["message"].replace("1999199900011", "?"),
        )
        self.assertFalse(self._checks())

    def test_a_key_that_is_not_a_providers_is_refused(self):
        response = self._post(self._payload(), token=self.ipm_token)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"]["code"], "not_a_provider")
        self.assertEqual(self._post(self._payload(), token="not-a-key").status_code, 401)
        self.assertFalse(self._checks())

    def test_a_bad_body_is_refused_and_writes_nothing(self):
        for body, code in (
            (b"{not json", "invalid_json"),
            ([], "IDC_NOT_AN_OBJECT"),
            (self._payload(method="visual", card=None), "IDC_REASON_REQUIRED"),
            (self._payload(beneficiary={"nin": "12"}), "NIN_BAD_LENGTH"),
            (self._payload(surprise=True), "IDC_UNKNOWN_FIELD"),
        ):
            response = self._post(body)
            self.assertEqual(response.status_code, 400, (body, response.text))
            error = response.json()["error"]
            self.assertEqual(error["code"], code)
            self.assertTrue(error["message"])
        self.assertFalse(
            self.env["siamo.identity.check"].search([("provider_id", "=", self.clinic.id)])
        )

    def test_an_unknown_beneficiary_is_not_found(self):
        response = self._post(self._payload(beneficiary={"member_number": "INCONNU-1"}))
        self.assertEqual(response.status_code, 404, response.text)
        self.assertEqual(response.json()["error"]["code"], "IDC_BENEFICIARY_UNKNOWN")
        self.assertIn("Aucun bénéficiaire", response.json()["error"]["message"])

    def test_a_check_sent_again_under_its_key_is_answered_as_the_first(self):
        body = self._payload(key="6f1c2b0e-agent-check-1")
        first, again = self._post(body), self._post(body)
        self.assertEqual((first.status_code, again.status_code), (201, 201), again.text)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(len(self._checks()), 1)
        # the key is the provider's agent's: another provider's check is its own
        pharmacy = self._post(body, token=self._api_key(self.pharmacy_user))
        self.assertEqual(pharmacy.status_code, 201, pharmacy.text)
        self.assertNotEqual(pharmacy.json()["id"], first.json()["id"])
        keyed = self.env["siamo.identity.check"].search([("client_key", "=", body["key"])])
        self.assertEqual(keyed.provider_id, self.clinic | self.pharmacy)

    def test_a_key_being_recorded_at_the_same_instant_is_sent_again(self):
        body = self._payload(key="6f1c2b0e-agent-check-2")
        self.assertEqual(self._post(body).status_code, 201)
        recorded = self._checks()
        # the second request of a simultaneous pair does not see the first one yet
        values = recorded.copy_data({"client_key": recorded.client_key, "name": "IDC-OTHER"})[0]
        with self.assertRaises(InvalidIdentityCheck) as refusal, mute_logger("odoo.sql_db"):
            self.env["siamo.identity.check"].with_user(self.clinic_user)._siamo_create_once(values)
        self.assertEqual(refusal.exception.code, "IDC_KEY_BUSY")
        self.assertEqual(http_status(refusal.exception), 409)
        self.assertEqual(self._checks(), recorded)
