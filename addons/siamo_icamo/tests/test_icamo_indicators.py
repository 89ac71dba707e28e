from datetime import date

from freezegun import freeze_time

from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError
from odoo.tests import tagged

from siamo_core.icamo.sample import sample_return as a_return

from .common import IcamoCase

OCTOBER = date(2026, 10, 1)


@tagged("post_install", "-at_install")
class TestIcamoIndicators(IcamoCase):
    def _received_and_refreshed(self, *documents):
        with trap_jobs() as trap:
            for document in documents:
                self._import(document)
        trap.perform_enqueued_jobs()
        return (
            self.env["siamo.icamo.indicator"]
            .with_user(self.analyst)
            .search([("company_id", "=", self.icamo.id), ("period", "=", OCTOBER)])
        )

    @staticmethod
    def _values(indicators, scope, **where):
        return {
            record.indicator: (round(record.value, 2), record.status)
            for record in indicators
            if record.scope == scope and all(record[name] == value for name, value in where.items())
        }

    def test_every_indicator_of_the_month_by_ipm_region_and_nation(self):
        indicators = self._received_and_refreshed(a_return())
        ipm = self._values(indicators, "ipm", ipm_id=self.ipm)
        self.assertEqual(ipm["claims_ratio"], (32.5, "ok"))
        self.assertEqual(ipm["benefit_ratio"], (33.33, "breach"))  # the norm: 70 % at least
        self.assertEqual(ipm["collection_rate"], (90.0, "ok"))
        self.assertEqual(ipm["management_cost_ratio"], (15.0, "ok"))  # at most 15 %
        self.assertEqual(ipm["reserve_ratio"], (333.33, "ok"))
        self.assertEqual(ipm["cash_months"], (30.0, "ok"))
        self.assertEqual(ipm["cost_per_beneficiary"], (13000.0, "ok"))
        self.assertEqual(ipm["beneficiaries_per_worker"], (2.5, "ok"))
        self.assertEqual(ipm["payment_delay_days"], (30.0, "ok"))
        self.assertEqual(ipm["refusal_rate"], (5.0, "ok"))
        thies = self._values(
            indicators, "region", region_id=self.env.ref("siamo_referentiel.region_th")
        )
        self.assertEqual(thies["claims_ratio"], (40.0, "ok"))
        self.assertEqual(thies["cost_per_beneficiary"], (20000.0, "ok"))
        self.assertEqual(thies["management_cost_ratio"][1], "unknown")
        national = self._values(indicators, "national")
        self.assertEqual(national["claims_ratio"], (32.5, "ok"))

    def test_a_breached_norm_raises_its_alert_once(self):
        self._received_and_refreshed(a_return(management_costs=6_000_000))
        alerts = (
            self.env["siamo.icamo.alert"]
            .with_user(self.analyst)
            .search([("ipm_id", "=", self.ipm.id)])
        )
        self.assertEqual(
            sorted(alerts.mapped("indicator")), ["benefit_ratio", "management_cost_ratio"]
        )
        costly = alerts.filtered(lambda alert: alert.indicator == "management_cost_ratio")
        self.assertIn("16.67", costly.message)
        self.assertIn("IPM Sonatel", costly.message)
        # a correction of the month computes again and raises nothing twice
        self._received_and_refreshed(a_return(management_costs=6_500_000))
        self.assertEqual(
            len(self.env["siamo.icamo.alert"].search([("ipm_id", "=", self.ipm.id)])), 2
        )

    def test_an_analyst_closes_an_alert_and_an_ipm_does_not_see_it(self):
        self._received_and_refreshed(a_return())
        alert = self.env["siamo.icamo.alert"].with_user(self.analyst).search([], limit=1)
        alert.action_close()
        self.assertEqual(alert.state, "closed")
        alert.action_reopen()
        self.assertEqual(alert.state, "open", "the analyst reopens it")
        with self.assertRaises(AccessError):
            alert.with_user(self.ipm_staff).read(["message"])
        with self.assertRaises(AccessError):
            alert.with_user(self.ipm_staff).action_close()
        self.assertEqual(alert.state, "open")
        with self.assertRaises(AccessError):
            self.env["siamo.icamo.indicator"].with_user(self.analyst).create(
                {
                    "company_id": self.icamo.id,
                    "period": OCTOBER,
                    "scope": "national",
                    "indicator": "claims_ratio",
                    "value": 1,
                }
            )

    def test_the_daily_run_raises_the_late_returns_of_the_regulator_s_ipms(self):
        self._import(a_return(period="2026-08"))
        with freeze_time("2026-11-20"):
            self.env["siamo.icamo.alert"].with_user(self.admin)._cron_late_returns()
        late = (
            self.env["siamo.icamo.alert"]
            .with_user(self.analyst)
            .search([("ipm_id", "=", self.ipm.id), ("kind", "=", "late")])
        )
        self.assertEqual(sorted(late.mapped("period_label")), ["2026-09", "2026-10"])

    def test_a_late_return_raises_its_alert_and_its_coming_closes_it(self):
        self._import(a_return(period="2026-08"))
        alerts = self.env["siamo.icamo.alert"]._raise_late_alerts(self.icamo, date(2026, 11, 20))
        self.assertEqual(
            [(str(alert.period), alert.kind) for alert in alerts.sorted("period")],
            [("2026-09-01", "late"), ("2026-10-01", "late")],
        )
        self.assertIn("36", alerts.sorted("period")[0].message)
        self._import(a_return(period="2026-09"))
        self.assertEqual(alerts.sorted("period").mapped("state"), ["closed", "open"])
        again = self.env["siamo.icamo.alert"]._raise_late_alerts(self.icamo, date(2026, 11, 21))
        self.assertFalse(again)
