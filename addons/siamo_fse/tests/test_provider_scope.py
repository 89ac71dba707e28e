import json

from odoo import http
from odoo.tests import tagged

from .common import FseHttpCase
from .test_api import ApiKeys


@tagged("post_install", "-at_install")
class TestProviderScope(ApiKeys, FseHttpCase):
    """A provider works only with the IPMs it has an agreement in force with: the same sheets,
    authorizations and settlements in its portal and through the API, and one answer that
    reveals nothing for a beneficiary it may not name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.participant_b.nin = "1342197000145"
        cls.multi_key = cls.clinic_key
        cls.multi = cls._provider("Clinique A et B", "PS-MULTI", "clinic", cls.multi_key)
        schedule = cls.env["siamo.tariff.schedule"].create({"name": "Tarif AB", "code": "TAB"})
        for ipm in (cls.ipm_a, cls.ipm_b):
            cls.env["siamo.agreement"].create(
                {
                    "name": f"Convention {ipm.name}",
                    "company_id": ipm.id,
                    "provider_id": cls.multi.id,
                    "schedule_id": schedule.id,
                    "date_start": "2020-01-01",
                    "state": "active",
                }
            )
        # both users belong to IPM A only: their companies say nothing of their scope
        cls._provider_users_with_keys("scope")
        cls.multi_user = cls._provider_user("scope_multi", cls.multi)
        cls.multi_token = cls._api_key(cls.multi_user)
        cls.records = {}
        for provider in (cls.clinic, cls.multi):
            for beneficiary in (cls.participant_a, cls.participant_b):
                ipm = beneficiary.company_id
                key = (provider, ipm)
                sheet_id = f"{provider.siamo_provider_code}-{ipm.partner_id.ref}"
                cls.records[key] = (
                    cls.env["siamo.fse"].create(
                        {
                            "company_id": ipm.id,
                            "provider_id": provider.id,
                            "provider_sheet_id": sheet_id,
                            "beneficiary_id": beneficiary.id,
                            "amount_claimed": 5_000,
                        }
                    ),
                    cls.env["siamo.care.authorization"].create(
                        {
                            "company_id": ipm.id,
                            "beneficiary_id": beneficiary.id,
                            "provider_id": provider.id,
                            "date_to": "2099-12-31",
                        }
                    ),
                )

    def _get(self, url, token):
        return self.url_open(url, headers={"Authorization": f"Bearer {token}"})

    def _ask(self, token, person):
        body = {
            "beneficiary": person,
            "items": ["TST-SCAN"],
            "date_from": "2026-01-01",
            "date_to": "2026-12-31",
            "amount": 50_000,
        }
        return self.url_open(
            "/siamo/api/v1/authorizations",
            data=json.dumps(body),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )

    def _api_sees(self, provider, token):
        """The IPMs whose sheet and authorization the API shows the provider."""
        seen = set()
        for (owner, ipm), (sheet, authorization) in self.records.items():
            if owner != provider:
                continue
            # a sheet it may read is not settled yet (409); one it may not is unknown (404)
            sheet_status = self._get(
                f"/siamo/api/v1/fhir/ClaimResponse/{sheet.provider_sheet_id}", token
            ).status_code
            auth_status = self._get(
                f"/siamo/api/v1/authorizations/{authorization.name}", token
            ).status_code
            self.assertEqual((sheet_status == 409), (auth_status == 200), ipm.name)
            self.assertIn(sheet_status, (404, 409))
            if sheet_status == 409:
                seen.add(ipm)
        return seen

    def _portal_sees(self, provider, login):
        self.authenticate(login, login)
        page = self.url_open("/my/authorizations").text
        return {
            ipm
            for (owner, ipm), (_sheet, authorization) in self.records.items()
            if owner == provider and authorization.name in page
        }

    def _orm_sees(self, provider, user):
        sheets = self.env["siamo.fse"].with_user(user).search([])
        authorizations = self.env["siamo.care.authorization"].with_user(user).search([])
        self.assertEqual(sheets.company_id, authorizations.company_id)
        return set(sheets.company_id)

    def test_a_provider_with_ipm_a_only_sees_ipm_a_everywhere(self):
        expected = {self.ipm_a}
        self.assertEqual(self._orm_sees(self.clinic, self.clinic_user), expected)
        self.assertEqual(self._api_sees(self.clinic, self.clinic_token), expected)
        self.assertEqual(self._portal_sees(self.clinic, "scope_clinique"), expected)

    def test_a_provider_with_ipm_a_and_b_sees_both_in_the_portal_and_the_api(self):
        expected = {self.ipm_a, self.ipm_b}
        self.assertEqual(self._orm_sees(self.multi, self.multi_user), expected)
        self.assertEqual(self._api_sees(self.multi, self.multi_token), expected)
        self.assertEqual(self._portal_sees(self.multi, "scope_multi"), expected)

    def test_an_ended_agreement_closes_its_ipm_at_once(self):
        agreement = self.env["siamo.agreement"].search(
            [("provider_id", "=", self.multi.id), ("company_id", "=", self.ipm_b.id)]
        )
        self.assertEqual(self._orm_sees(self.multi, self.multi_user), {self.ipm_a, self.ipm_b})
        agreement.action_terminate()
        self.assertEqual(self._orm_sees(self.multi, self.multi_user), {self.ipm_a})
        self.assertEqual(self._api_sees(self.multi, self.multi_token), {self.ipm_a})

    def test_a_foreign_beneficiary_gets_the_answer_of_an_unknown_one(self):
        before = self.env["siamo.care.authorization"].search_count([])
        foreign_nin = self._ask(self.pharmacy_token, {"nin": self.participant_b.nin})
        unknown_nin = self._ask(self.pharmacy_token, {"nin": "1999199900011"})
        foreign_number = self._ask(
            self.pharmacy_token, {"member_number": self.participant_b.member_number}
        )
        unknown_number = self._ask(self.pharmacy_token, {"member_number": "INCONNU-1"})
        self.assertEqual(foreign_nin.status_code, 422)
        for response in (unknown_nin, foreign_number, unknown_number):
            self.assertEqual(
                (response.status_code, response.json()),
                (foreign_nin.status_code, foreign_nin.json()),
            )
        # a provider without any agreement is told the same
        self.unbound_user = self._provider_user("scope_libre", self.unbound)
        unbound = self._ask(self._api_key(self.unbound_user), {"nin": self.participant_a.nin})
        self.assertEqual((unbound.status_code, unbound.json()), (422, foreign_nin.json()))
        self.assertEqual(self.env["siamo.care.authorization"].search_count([]), before)

    def test_the_provider_of_both_ipms_asks_for_a_beneficiary_of_ipm_b(self):
        response = self._ask(self.multi_token, {"nin": self.participant_b.nin})
        self.assertEqual(response.status_code, 201, response.text)
        authorization = self.env["siamo.care.authorization"].search(
            [("name", "=", response.json()["number"])]
        )
        self.assertEqual(
            (authorization.company_id, authorization.beneficiary_id, authorization.provider_id),
            (self.ipm_b, self.participant_b, self.multi),
        )
        self.assertIn(authorization.name, self._portal_authorizations("scope_multi"))

    def test_the_portal_form_is_scoped_the_same(self):
        self.authenticate("scope_clinique", "scope_clinique")
        before = self.env["siamo.care.authorization"].search_count([])
        page = self.url_open(
            "/my/authorizations/new",
            data={
                "beneficiary": self.participant_b.member_number,
                "items": "TST-SCAN",
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "amount": "50000",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertIn("o_siamo_form_error", page.text)
        self.assertEqual(self.env["siamo.care.authorization"].search_count([]), before)

    def _portal_authorizations(self, login):
        self.authenticate(login, login)
        return self.url_open("/my/authorizations").text
