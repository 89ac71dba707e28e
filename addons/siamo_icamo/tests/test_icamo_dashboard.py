from datetime import date

from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from siamo_core.icamo.sample import sample_return as a_return

from .common import IcamoCase


class DashboardCase(IcamoCase):
    """Two IPMs' returns of October 2026 (the worked example, and a costlier IPM in Thiès)
    and one of September, their indicators computed, two returns late."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dakar = cls.env.ref("siamo_referentiel.region_dk")
        cls.thies = cls.env.ref("siamo_referentiel.region_th")
        cls.ipm.region_id = cls.dakar
        cls.diop = cls.env["siamo.icamo.ipm"].create(
            {
                "company_id": cls.icamo.id,
                "code": "IPM-DIOP",
                "name": "IPM Diop",
                "region_id": cls.thies.id,
                "first_period": "2026-09-01",
            }
        )
        cls.correspondent = cls._correspondent("correspondant_tableau")
        with trap_jobs() as trap:
            cls._import_as_admin(a_return())
            cls._import_as_admin(
                a_return(ipm="IPM-DIOP", ipm_name="IPM Diop", management_costs=6_000_000)
            )
            cls._import_as_admin(
                a_return(
                    ipm="IPM-DIOP",
                    ipm_name="IPM Diop",
                    period="2026-09",
                    management_costs=3_600_000,
                )
            )
        trap.perform_enqueued_jobs()
        # Sonatel owes returns from August: August and September are late
        cls.env["siamo.icamo.alert"]._raise_late_alerts(cls.icamo, date(2026, 11, 20))

    @classmethod
    def _import_as_admin(cls, document):
        IcamoCase._import(cls, document)


@tagged("post_install", "-at_install")
class TestIcamoDashboard(DashboardCase):
    def _data(self, user=None, **filters):
        indicators = self.env["siamo.icamo.indicator"].with_user(user or self.analyst)
        return indicators.with_company(self.icamo).dashboard_data(**filters)

    def test_the_national_figures_of_the_latest_month_against_the_norms(self):
        data = self._data()
        self.assertEqual(data["period"], "2026-10-01")
        self.assertEqual([p["label"] for p in data["periods"]], ["2026-10", "2026-09"])
        self.assertEqual([r["name"] for r in data["regions"]], ["Dakar", "Thiès"])
        headline = data["headline"]
        self.assertEqual(headline["claims_ratio"]["value"], 32.5)
        self.assertEqual(headline["collection_rate"]["value"], 90.0)
        self.assertEqual(headline["cost_per_beneficiary"]["value"], 13000.0)
        self.assertEqual(headline["payment_delay_days"]["value"], 30.0)
        self.assertEqual(headline["refusal_rate"]["value"], 5.0)
        # 11.4 of 72 million collected: above the norm of 15 %
        cost = headline["management_cost_ratio"]
        self.assertEqual(
            (cost["value"], cost["norm"], cost["bound"], cost["status"]),
            (15.83, 15.0, "max", "breach"),
        )
        self.assertEqual(headline["reserve_ratio"]["bound"], "min")
        self.assertIsNone(headline["claims_ratio"]["norm"])

    def test_the_ipms_breaking_most_norms_come_first_coloured_by_their_status(self):
        ipms = self._data()["ipms"]
        self.assertEqual(
            [(row["name"], row["breaches"]) for row in ipms], [("IPM Diop", 2), ("IPM Sonatel", 1)]
        )
        diop, sonatel = ipms
        self.assertEqual(
            diop["values"]["management_cost_ratio"], {"value": 16.67, "status": "breach"}
        )
        self.assertEqual(
            sonatel["values"]["management_cost_ratio"], {"value": 15.0, "status": "ok"}
        )
        self.assertEqual(sonatel["values"]["benefit_ratio"]["status"], "breach")
        regions = self._data()["by_region"]
        self.assertEqual([row["name"] for row in regions], ["Dakar", "Thiès"])
        # a région has no management costs: unknown, without a value
        self.assertEqual(
            regions[1]["values"]["management_cost_ratio"], {"value": None, "status": "unknown"}
        )
        self.assertEqual(regions[1]["values"]["claims_ratio"]["value"], 40.0)

    def test_twelve_months_of_trend_and_the_open_alerts(self):
        data = self._data()
        trend = data["trend"]
        self.assertEqual((trend["months"][0], trend["months"][-1]), ("2025-11-01", "2026-10-01"))
        costs = next(s for s in trend["series"] if s["code"] == "management_cost_ratio")
        self.assertEqual(costs["values"][-2:], [10.0, 15.83])
        self.assertEqual(costs["values"][:10], [None] * 10)
        alerts = data["alerts"]
        # October's three and Diop's September benefits
        self.assertEqual(alerts["norm"]["count"], 4)
        self.assertEqual(
            [alert["period"] for alert in alerts["late"]["latest"]], ["2026-09", "2026-08"]
        )
        # an alert closed is no longer shown
        alert = self.env["siamo.icamo.alert"].browse(alerts["late"]["latest"][0]["id"])
        alert.with_user(self.analyst).action_close()
        self.assertEqual(self._data()["alerts"]["late"]["count"], 1)

    def test_a_region_and_a_month_chosen(self):
        data = self._data(period="2026-10-01", region_id=self.thies.id)
        self.assertEqual(data["region_id"], self.thies.id)
        self.assertEqual(data["headline"]["claims_ratio"]["value"], 40.0)
        self.assertEqual(data["headline"]["cost_per_beneficiary"]["value"], 20000.0)
        self.assertEqual([row["name"] for row in data["ipms"]], ["IPM Diop"])
        self.assertEqual([row["name"] for row in data["by_region"]], ["Thiès"])
        self.assertEqual((data["alerts"]["norm"]["count"], data["alerts"]["late"]["count"]), (3, 0))
        september = self._data(period="2026-09-01")
        self.assertEqual(september["headline"]["management_cost_ratio"]["value"], 10.0)
        self.assertEqual([row["name"] for row in september["ipms"]], ["IPM Diop"])
        self.assertEqual(september["alerts"]["late"]["count"], 2)

    def test_only_icamo_s_analysts_read_the_dashboard(self):
        for user in (self.correspondent, self.ipm_staff):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["siamo.icamo.indicator"].with_user(user).dashboard_data()
        # another regulator's analyst sees none of these figures
        other = self.env["res.company"].create({"name": "ICAMO bis", "siamo_role": "icamo"})
        stranger = new_test_user(
            self.env,
            login="analyste_ailleurs",
            groups="siamo_icamo.group_icamo_analyst",
            company_id=other.id,
            company_ids=[other.id],
        )
        data = self.env["siamo.icamo.indicator"].with_user(stranger).dashboard_data()
        self.assertFalse(data["period"])
        self.assertFalse(data["periods"])

    def test_the_dashboard_is_an_analyst_s_menu(self):
        menu = self.env.ref("siamo_icamo.siamo_icamo_dashboard_menu")
        visible = self.env["ir.ui.menu"].with_user(self.analyst)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        hidden = self.env["ir.ui.menu"].with_user(self.correspondent)._visible_menu_ids()
        self.assertNotIn(menu.id, hidden)


@tagged("post_install", "-at_install")
class TestIcamoDashboardTour(HttpCase, DashboardCase):
    """The analyst works in French: the tour reads the figures as he does (32,50 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.analyst.lang = "fr_FR"

    def test_an_analyst_reads_the_dashboard_and_opens_the_indicators(self):
        self.start_tour("/odoo", "siamo_icamo_dashboard", login="collecte_analyste")
