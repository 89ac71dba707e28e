from odoo.addons.siamo_ipm.tests.test_settlement import SettlementData
from odoo.tests import tagged

from .common import FseHttpCase
from .test_api import ApiKeys


class FseSettlementData(SettlementData):
    """The settlement's data, the sheets coming signed through the intake."""

    def _receive(self, *documents):
        answers = self.env["siamo.fse.intake"]._receive(self.clinic, list(documents))
        self.assertEqual({answer["status"] for answer in answers}, {"received"}, answers)
        return self.env["siamo.fse"].browse([answer["id"] for answer in answers])


@tagged("post_install", "-at_install")
class TestSettlementForProviders(ApiKeys, FseSettlementData, FseHttpCase):
    """A provider reads what was settled, what it is owed, and each sheet as FHIR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._provider_users_with_keys("liq_web")

    def test_owed_then_paid_in_the_portal_and_the_claim_response(self):
        batch = self._settle_and_validate(self._sheet("W-1"), self._over_tariff("W-2"))
        self.authenticate("liq_web_clinique", "liq_web_clinique")
        page = self.url_open("/my/settlements").text.replace("&nbsp;", "\u00a0")
        self.assertIn(batch.name, page)
        self.assertIn("8\u00a0000", page)
        detail = self.url_open(f"/my/settlements/{batch.id}").text
        self.assertIn("LIQ-OVER-TARIFF", detail)
        response = self.url_open(
            "/siamo/api/v1/fhir/ClaimResponse/W-2",
            headers={"Authorization": f"Bearer {self.clinic_token}"},
        ).json()
        totals = {
            t["category"]["coding"][0]["code"]: t["amount"]["value"] for t in response["total"]
        }
        self.assertEqual(
            (totals["submitted"], totals["benefit"], totals["copay"]), (7_001, 4_000, 1_000)
        )
        self.logout()
        refused = self.url_open(
            "/siamo/api/v1/fhir/ClaimResponse/W-2",
            headers={"Authorization": f"Bearer {self.pharmacy_token}"},
        )
        self.assertEqual(refused.status_code, 404)
        self.authenticate("liq_web_pharmacie", "liq_web_pharmacie")
        self.assertNotIn(batch.name, self.url_open("/my/settlements").text)
        self.assertTrue(self.url_open(f"/my/settlements/{batch.id}").url.endswith("/my"))

    def test_a_participant_sees_his_family_co_payments_and_nobody_else_s(self):
        self._settle_and_validate(self._sheet("C-1"))
        worker = self.env["res.partner"].create({"name": "Moussa Famille"})
        self.participant_a.partner_id = worker
        self._portal_user("famille_a", worker, self.ipm_a, "siamo_ipm.group_portal_participant")
        other = self.env["res.partner"].create({"name": "Lamine Famille"})
        self.participant_a2.partner_id = other
        self._portal_user("famille_a2", other, self.ipm_a, "siamo_ipm.group_portal_participant")
        self.authenticate("famille_a", "famille_a")
        page = self.url_open("/my/copayments").text.replace("&nbsp;", "\u00a0")
        self.assertEqual(page.count('class="o_siamo_copayment"'), 1)
        self.assertIn("1\u00a0000", page)
        self.authenticate("famille_a2", "famille_a2")
        self.assertEqual(self.url_open("/my/copayments").text.count('class="o_siamo_copayment"'), 0)
        self.authenticate("liq_web_clinique", "liq_web_clinique")
        self.assertTrue(self.url_open("/my/copayments").url.endswith("/my"))
