import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from siamo_core.icamo.sample import sample_return as a_return

URL = "/siamo/api/v1/icamo/returns"


@tagged("post_install", "-at_install")
class TestIcamoReturnsApi(HttpCase):
    """An IPM's software sends its return with its correspondent's API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = cls.env["res.company"]
        cls.icamo = companies.create({"name": "ICAMO API", "siamo_role": "icamo"})
        ipm_company = companies.create(
            {"name": "IPM Sonatel API", "siamo_role": "ipm", "siamo_ipm_kind": "company"}
        )
        cls.correspondent = new_test_user(
            cls.env,
            login="correspondant_sonatel",
            groups="base.group_user",
            company_id=ipm_company.id,
            company_ids=[ipm_company.id],
        )
        cls.stranger = new_test_user(
            cls.env,
            login="autre_ipm",
            groups="base.group_user",
            company_id=ipm_company.id,
            company_ids=[ipm_company.id],
        )
        cls.ipm = cls.env["siamo.icamo.ipm"].create(
            {
                "company_id": cls.icamo.id,
                "code": "IPM-SONATEL",
                "name": "IPM Sonatel",
                "correspondent_ids": [(6, 0, cls.correspondent.ids)],
            }
        )

    def _key(self, user):
        keys = self.env["res.users.apikeys"].with_user(user)
        return keys._generate(None, "Logiciel de l'IPM", datetime.now() + timedelta(days=30))

    def _send(self, document, user=None, body=None):
        headers = {"Content-Type": "application/json"}
        if user:
            headers["Authorization"] = f"Bearer {self._key(user)}"
        data = body if body is not None else json.dumps(document)
        return self.url_open(URL, data=data, headers=headers)

    def test_the_ipm_s_software_sends_its_return_and_gets_its_acknowledgement(self):
        answer = self._send(a_return(), self.correspondent)
        self.assertEqual(answer.status_code, 201, answer.text)
        body = answer.json()
        received = self.env["siamo.icamo.return"].search([("ipm_id", "=", self.ipm.id)])
        self.assertEqual(
            body,
            {
                "acknowledgement": received.name,
                "ipm": "IPM-SONATEL",
                "period": "2026-10",
                "version": 1,
                "supersedes": None,
            },
        )
        self.assertEqual(received.channel, "api")
        # sent again after a lost answer: the same acknowledgement, no second version
        again = self._send(a_return(), self.correspondent).json()
        self.assertEqual((again["acknowledgement"], again["version"]), (received.name, 1))
        corrected = self._send(a_return(management_costs=5_500_000), self.correspondent).json()
        self.assertEqual((corrected["version"], corrected["supersedes"]), (2, received.name))

    def test_every_problem_comes_back_coded_in_french_and_nothing_is_kept(self):
        answer = self._send(a_return(period="2026-13", management_costs=-1), self.correspondent)
        self.assertEqual(answer.status_code, 422)
        problems = answer.json()["problems"]
        self.assertEqual(
            [(p["code"], p["path"]) for p in problems],
            [("RETURN_BAD_PERIOD", "period"), ("RETURN_NOT_AN_AMOUNT", "management_costs")],
        )
        self.assertIn("n'est pas un mois", problems[0]["message"])
        self.assertFalse(self.env["siamo.icamo.return"].search([("ipm_id", "=", self.ipm.id)]))

    def test_without_a_key_or_with_another_ipm_s_key_the_return_is_refused(self):
        self.assertEqual(self._send(a_return()).status_code, 401)
        refused = self._send(a_return(), self.stranger)
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(refused.json()["error"], "IPM_NOT_YOURS")
        self.assertEqual(self._send(None, self.correspondent, body="{pas du json").status_code, 400)
        self.assertFalse(self.env["siamo.icamo.return"].search([("ipm_id", "=", self.ipm.id)]))

    def test_the_schema_is_published(self):
        schema = self.url_open("/siamo/api/v1/icamo/schema").json()
        self.assertEqual(schema["properties"]["format"], {"const": "siamo-ipm-return"})
