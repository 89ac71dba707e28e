from datetime import timedelta

from odoo import fields
from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from siamo_core.icamo.sample import sample_return

from .common import IcamoCase


@tagged("post_install", "-at_install")
class TestIcamoRecommendation(IcamoCase):
    """ICAMO recommends to an IPM what its scorecard calls for and follows it up; the IPM's
    correspondents read their IPM's recommendations and answer them, nothing more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.correspondent = cls._correspondent("correspondant_suivi")
        cls.other = cls.env["siamo.icamo.ipm"].create(
            {"company_id": cls.icamo.id, "code": "IPM-SENELEC", "name": "IPM Senelec"}
        )

    def setUp(self):
        super().setUp()
        # management costs of 6 M over 36 M collected: 16.67 %, above the norm of 15 %
        with trap_jobs() as trap:
            self._import(sample_return(management_costs=6_000_000))
            self._import(sample_return(ipm="IPM-SENELEC"))
        trap.perform_enqueued_jobs()

    def _issue(self, ipm=None, user=None):
        (ipm or self.ipm).with_user(user or self.analyst).action_issue_recommendations()
        return self.env["siamo.icamo.recommendation"].search(
            [("ipm_id", "=", (ipm or self.ipm).id)]
        )

    def test_the_analyst_issues_the_recommendations_of_the_breaches_once(self):
        issued = self._issue()
        self.assertEqual(
            sorted(issued.mapped("indicator")), ["benefit_ratio", "management_cost_ratio"]
        )
        costs = issued.filtered(lambda reco: reco.indicator == "management_cost_ratio")
        self.assertEqual(
            (costs.status, costs.state, round(costs.value, 2)), ("breach", "issued", 16.67)
        )
        self.assertIn("management costs", costs.text)
        self.assertEqual(costs.date_due, costs.date_issued + timedelta(days=90))
        # issued again: nothing while they are open
        self.assertEqual(self._issue(), issued)
        costs.with_user(self.analyst).action_done()
        self.assertEqual(len(self._issue()), 3)

    def test_an_ipm_user_issues_nothing_and_reads_nothing(self):
        with self.assertRaises(AccessError):
            self._issue(user=self.ipm_staff)
        issued = self._issue()
        with self.assertRaises(AccessError):
            issued.with_user(self.ipm_staff).read(["text"])
        with self.assertRaises(AccessError):
            self._issue(user=self.correspondent)

    def test_the_correspondent_answers_his_ipm_s_recommendations_only(self):
        own = self._issue()
        other = self._issue(ipm=self.other)
        self.assertTrue(other)
        as_correspondent = self.env["siamo.icamo.recommendation"].with_user(self.correspondent)
        self.assertEqual(as_correspondent.search([]), own)
        reco = own[0].with_user(self.correspondent)
        wizard = (
            self.env["siamo.icamo.recommendation.respond"]
            .with_user(self.correspondent)
            .create({"recommendation_id": reco.id, "response": "Plan de réduction des frais voté."})
        )
        wizard.action_confirm()
        self.assertEqual(
            (reco.state, reco.response), ("acknowledged", "Plan de réduction des frais voté.")
        )
        self.assertTrue(reco.response_date)
        with self.assertRaises(AccessError):
            reco.write({"response": "Autre chose"})
        with self.assertRaises(AccessError):
            reco.write({"state": "done"})
        with self.assertRaises(AccessError):
            reco.action_done()
        with self.assertRaises(AccessError):
            reco.set_due_date(fields.Date.today() + timedelta(days=365))
        with self.assertRaises(AccessError):
            other.with_user(self.correspondent).respond("Pas la nôtre")
        with self.assertRaises(AccessError):
            own[0].with_user(self.analyst).respond("ICAMO does not answer for the IPM")

    def test_the_analyst_follows_a_recommendation_up_to_its_close(self):
        reco = self._issue()[0].with_user(self.analyst)
        own = reco.with_user(self.correspondent)
        own.action_acknowledge()
        reco.action_start()
        self.assertEqual(reco.state, "in_progress")
        reco.action_done()
        self.assertEqual(reco.state, "done")
        with self.assertRaises(UserError):
            own.respond("Trop tard")
        with self.assertRaises(UserError):
            reco.action_start()
        reco.action_reopen()
        reco.action_cancel()
        self.assertEqual(reco.state, "cancelled")

    def test_an_overdue_recommendation_shows(self):
        reco = self._issue()[0].with_user(self.analyst)
        Recommendation = self.env["siamo.icamo.recommendation"].with_user(self.analyst)
        self.assertFalse(Recommendation.search([("is_overdue", "=", True)]))
        reco.set_due_date(fields.Date.today() - timedelta(days=1))
        self.assertTrue(reco.is_overdue)
        self.assertEqual(Recommendation.search([("is_overdue", "=", True)]), reco)
        self.assertNotIn(reco, Recommendation.search([("is_overdue", "=", False)]))
        reco.action_done()
        self.assertFalse(reco.is_overdue)
