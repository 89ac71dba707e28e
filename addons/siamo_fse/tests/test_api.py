import json
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.tests import tagged

from siamo_core.fse import generate_key
from siamo_core.fse.fhir import to_claim

from .common import FseHttpCase

API = "/siamo/api/v1/fse"


class ApiKeys:
    @classmethod
    def _provider_users_with_keys(cls, prefix):
        """A portal user with an API key for the clinic and for the pharmacy."""
        cls.clinic_user = cls._provider_user(f"{prefix}_clinique", cls.clinic)
        cls.pharmacy_user = cls._provider_user(f"{prefix}_pharmacie", cls.pharmacy)
        cls.clinic_token = cls._api_key(cls.clinic_user)
        cls.pharmacy_token = cls._api_key(cls.pharmacy_user)

    @classmethod
    def _api_key(cls, user):
        expires = fields.Datetime.now() + timedelta(days=30)
        return cls.env["res.users.apikeys"].with_user(user)._generate(None, "logiciel", expires)

    def _post_json(self, url, body, token):
        """``body`` (JSON, or bytes as they are) posted to ``url`` with the API key ``token``."""
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        return self.url_open(
            url,
            data=data,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )


@tagged("post_install", "-at_install")
class TestFseApi(ApiKeys, FseHttpCase):
    """Providers submit over HTTP with their API key; the answer acknowledges each sheet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._provider_users_with_keys("api")
        cls.ipm_user_token = cls._api_key(cls._ipm_user("api_agent", cls.ipm_a))

    def _post(self, body, token=None, url=API):
        return self._post_json(url, body, token or self.clinic_token)

    def _stored(self):
        return self.env["siamo.fse.submission"].search(
            [("provider_id", "in", (self.clinic | self.pharmacy).ids)]
        )

    def test_one_sheet_acknowledged_then_the_retry_answered_the_same(self):
        document = self._sheet("API-1")
        first = self._post(document)
        self.assertEqual(first.status_code, 201, first.text)
        self.assertEqual(first.json()["status"], "received")
        again = self._post(document)
        self.assertEqual((again.status_code, again.json()), (201, first.json()))
        self.assertEqual(len(self._stored()), 1)
        other = self._post(self._sheet("API-1", care_date="2026-01-05"))
        self.assertEqual(other.status_code, 409)
        self.assertEqual(other.json()["reasons"][0]["code"], "FSE-KEY-REUSED")
        self.assertEqual(len(self._stored()), 1)

    def test_a_refused_sheet_does_not_use_up_its_id(self):
        genuine = self._sheet("API-GENUINE")
        forged = self._sheet("API-GENUINE", key=generate_key())  # signed by another key
        unsigned = {key: value for key, value in genuine.items() if key != "signature"}
        for refused in (forged, unsigned):
            answer = self._post(refused)
            self.assertEqual(answer.status_code, 422, answer.text)
            self.assertEqual(answer.json()["reasons"][0]["code"], "FSE-SIGNATURE")
        # another provider sending the clinic's sheet is refused and holds nothing either
        stolen = self._post(genuine, token=self.pharmacy_token)
        self.assertEqual(stolen.status_code, 403, stolen.text)
        received = self._post(genuine)
        self.assertEqual((received.status_code, received.json()["status"]), (201, "received"))
        # once received, the id is the genuine sheet's: its retry gets the first answer,
        # another sheet under it is refused
        again = self._post(genuine)
        self.assertEqual((again.status_code, again.json()), (201, received.json()))
        other = self._post(self._sheet("API-GENUINE", care_date="2026-01-05"))
        self.assertEqual(other.json()["reasons"][0]["code"], "FSE-KEY-REUSED")
        submissions = self.env["siamo.fse.submission"].search(
            [("provider_id", "=", self.clinic.id), ("sheet_id", "=", "API-GENUINE")]
        )
        self.assertEqual(sorted(submissions.mapped("state")), ["received", "rejected", "rejected"])
        self.assertEqual(
            self.env["siamo.fse"].search_count([("provider_sheet_id", "=", "API-GENUINE")]), 1
        )

    def test_a_batch_acknowledges_each_sheet(self):
        response = self._post(
            {"sheets": [self._sheet("API-B1"), self._sheet("API-B2", ipm="IPM-B")]}
        )
        self.assertEqual(response.status_code, 200)
        statuses = [ack["status"] for ack in response.json()["acknowledgements"]]
        self.assertEqual(statuses, ["received", "rejected"])

    def test_malformed_requests_get_4xx_and_store_nothing(self):
        cases = [
            b"{not json",
            b"\xff\xfe",
            "42",
            json.dumps({"sheets": []}),
            json.dumps({"sheets": [self._sheet("X")], "extra": 1}),
            json.dumps({**self._sheet("API-typ"), "total": "6500"}),
            json.dumps({**self._sheet("API-unk"), "unknown": True}),
            json.dumps([self._sheet(f"API-{index}") for index in range(501)]),
            b"[" + b" " * (9 * 1024 * 1024) + b"]",
        ]
        for body in cases:
            response = self._post(body)
            self.assertTrue(400 <= response.status_code < 500, (body[:40], response.status_code))
            self.assertIn("error", response.json())
        self.assertFalse(self._stored())

    def test_a_provider_submits_only_as_itself(self):
        as_clinic = self._sheet("API-SELF")
        response = self._post(as_clinic, token=self.pharmacy_token)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["reasons"][0]["code"], "FSE-PROVIDER-NOT-SELF")
        self.assertFalse(self._stored())
        not_a_provider = self._post(as_clinic, token=self.ipm_user_token)
        self.assertEqual(not_a_provider.status_code, 403)
        self.assertEqual(
            self.url_open(API, data="{}", headers={"Content-Type": "application/json"}).status_code,
            401,
        )
        bad_key = self._post(as_clinic, token="not-a-key")
        self.assertEqual(bad_key.status_code, 401)

    def test_a_provider_reads_only_its_own_sheets(self):
        self._post(self._sheet("API-MINE"))
        self._post(
            self._sheet("API-THEIRS", key=self.pharmacy_key, provider_code="PS-PHARMA"),
            token=self.pharmacy_token,
        )
        sheets = self.env["siamo.fse"].with_user(self.pharmacy_user).search([])
        self.assertEqual(sheets.mapped("provider_sheet_id"), ["API-THEIRS"])
        submissions = self.env["siamo.fse.submission"].with_user(self.pharmacy_user).search([])
        self.assertEqual(submissions.mapped("sheet_id"), ["API-THEIRS"])
        self.authenticate("api_pharmacie", "api_pharmacie")
        page = self.url_open("/my/care-sheets").text
        self.assertIn("API-THEIRS", page)
        self.assertNotIn("API-MINE", page)

    def test_a_fhir_claim_is_received_and_answered_as_a_claim_response(self):
        claim = json.loads(to_claim(self._sheet("API-FHIR")).model_dump_json())
        response = self._post(claim, url="/siamo/api/v1/fhir/Claim")
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        self.assertEqual((body["resourceType"], body["outcome"]), ("ClaimResponse", "queued"))
        self.assertEqual(self._stored().channel, "fhir")
        claim["total"]["value"] = 1
        refused = self._post(claim, url="/siamo/api/v1/fhir/Claim")
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["error"][0]["code"]["coding"][0]["code"], "FSE-TOTAL")
        not_a_claim = self._post({"resourceType": "Patient"}, url="/siamo/api/v1/fhir/Claim")
        self.assertEqual(not_a_claim.status_code, 400)

    def test_the_schema_is_published(self):
        schema = self.url_open("/siamo/api/v1/fse/schema").json()
        self.assertEqual(schema["properties"]["format"]["const"], "siamo-fse/1.0")


@tagged("post_install", "-at_install")
class TestAuthorizationApi(ApiKeys, FseHttpCase):
    """A provider asks for a care authorization; the IPM grants it; the sheet then passes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._provider_users_with_keys("pec")
        cls.medical_officer = cls._ipm_user(
            "pec_medecin", cls.ipm_a, "siamo_ipm.group_ipm_medical_officer"
        )

    def _call(self, url, body=None, token=None):
        headers = {"Authorization": f"Bearer {token or self.clinic_token}"}
        if body is None:
            return self.url_open(url, headers=headers)
        headers["Content-Type"] = "application/json"
        return self.url_open(url, data=json.dumps(body), headers=headers)

    def test_requested_granted_printed_then_used_by_a_sheet(self):
        asked = self._call(
            "/siamo/api/v1/authorizations",
            {
                "beneficiary": {"member_number": self.participant_a.member_number},
                "items": ["TST-SCAN"],
                "date_from": "2020-01-01",
                "date_to": "2099-12-31",
                "amount": 50_000,
                "reason": "Suspicion de fracture",
            },
        )
        self.assertEqual(asked.status_code, 201, asked.text)
        number = asked.json()["number"]
        self.assertEqual(asked.json()["state"], "requested")
        authorization = self.env["siamo.care.authorization"].search([("name", "=", number)])
        self.assertEqual(
            (authorization.company_id, authorization.provider_id), (self.ipm_a, self.clinic)
        )
        scan = [
            {
                "kind": "act",
                "code": "TST-SCAN",
                "quantity": 1,
                "unit_price": 40_000,
                "amount": 40_000,
            }
        ]
        refused = self._call(
            "/siamo/api/v1/fse", self._sheet("PEC-1", lines=scan, authorization=number)
        )
        self.assertEqual(refused.json()["reasons"][0]["code"], "FSE-AUTH-EXPIRED")
        authorization.with_user(self.medical_officer).action_grant()
        self.assertEqual(
            self._call(f"/siamo/api/v1/authorizations/{number}").json()["state"], "granted"
        )
        self.assertEqual(
            self._call(
                f"/siamo/api/v1/authorizations/{number}", token=self.pharmacy_token
            ).status_code,
            404,
        )
        received = self._call(
            "/siamo/api/v1/fse", self._sheet("PEC-2", lines=scan, authorization=number)
        )
        self.assertEqual(received.status_code, 201, received.text)
        self.authenticate("pec_clinique", "pec_clinique")
        pdf = self.url_open(f"/siamo/fse/authorizations/{authorization.id}/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        self.authenticate("pec_pharmacie", "pec_pharmacie")
        self.assertEqual(
            self.url_open(f"/siamo/fse/authorizations/{authorization.id}/pdf").status_code, 404
        )

    def test_a_bad_request_says_why_and_creates_nothing(self):
        before = self.env["siamo.care.authorization"].search_count([])
        response = self._call(
            "/siamo/api/v1/authorizations",
            {"beneficiary": {"member_number": "NOPE"}, "items": ["NOPE"], "amount": -1},
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("message", response.json())
        self.assertEqual(self.env["siamo.care.authorization"].search_count([]), before)

    def test_a_refusal_needs_a_reason(self):
        authorization = (
            self.env["siamo.care.authorization"]
            .create(
                {
                    "company_id": self.ipm_a.id,
                    "beneficiary_id": self.participant_a.id,
                    "provider_id": self.clinic.id,
                    "date_to": "2099-12-31",
                    "state": "requested",
                }
            )
            .with_user(self.medical_officer)
        )
        with self.assertRaises(UserError):
            authorization.action_refuse()
        authorization.refusal_reason = "Acte non justifié"
        authorization.action_refuse()
        self.assertEqual(authorization.state, "refused")

    def test_asked_from_the_portal_and_seen_by_the_family_not_by_other_providers(self):
        self.authenticate("pec_clinique", "pec_clinique")
        form = {
            "beneficiary": self.participant_a.member_number,
            "items": "TST-SCAN",
            "date_from": "2026-01-01",
            "date_to": "2026-12-31",
            "amount": "80 000",
            "reason": "Contrôle",
            "csrf_token": http.Request.csrf_token(self),
        }
        self.url_open("/my/authorizations/new", data=form)
        authorization = self.env["siamo.care.authorization"].search(
            [("provider_id", "=", self.clinic.id), ("reason", "=", "Contrôle")]
        )
        self.assertEqual((authorization.state, authorization.amount_cap), ("requested", 80_000))
        self.assertEqual(authorization.act_ids, self.scan)
        bad = self.url_open("/my/authorizations/new", data={**form, "items": "", "amount": "x"})
        self.assertEqual(bad.text.count('class="o_siamo_form_error"'), 2)
        self.assertIn(authorization.name, self.url_open("/my/authorizations").text)
        self.authenticate("pec_pharmacie", "pec_pharmacie")
        self.assertNotIn(authorization.name, self.url_open("/my/authorizations").text)
        worker = self.env["res.partner"].create({"name": "Moussa Famille"})
        self.participant_a.partner_id = worker
        self._portal_user("pec_famille", worker, self.ipm_a, "siamo_ipm.group_portal_participant")
        self.authenticate("pec_famille", "pec_famille")
        self.assertIn(authorization.name, self.url_open("/my/authorizations").text)
        self.assertTrue(self.url_open("/my/authorizations/new").url.endswith("/my"))
