import base64
import io
from datetime import date
from unittest.mock import patch

import pypdf
from freezegun import freeze_time

from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from siamo_core.icamo.sample import sample_return

from .common import IcamoCase


def pdf_text(report):
    reader = pypdf.PdfReader(io.BytesIO(base64.b64decode(report.pdf)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), text.replace("\u00a0", " ")


@tagged("post_install", "-at_install")
class TestIcamoReport(IcamoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the regulator's reports are printed in its language
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.icamo.partner_id.lang = "fr_FR"

    def _returns(self, *periods):
        with trap_jobs():
            return [self._import(sample_return(period=period)) for period in periods]

    def _ask(self, user=None, **values):
        return (
            self.env["siamo.icamo.report"]
            .with_user(user or self.analyst)
            .create(
                {
                    "company_id": self.icamo.id,
                    "scope": "national",
                    "date_from": "2026-10-01",
                    "date_to": "2026-12-01",
                    **values,
                }
            )
        )

    def _generated(self, report):
        with trap_jobs() as trap:
            report.action_generate()
            trap.assert_jobs_count(1)
            self.assertEqual(report.state, "queued")
            trap.perform_enqueued_jobs()
        return report

    def test_the_analyst_s_report_is_drawn_in_a_job_with_the_returns_it_used(self):
        october, november = self._returns("2026-10", "2026-11")
        report = self._generated(self._ask())
        self.assertEqual(report.state, "done")
        self.assertEqual(report.return_ids, october | november)
        self.assertTrue(report.known_at)
        self.assertTrue(report.pdf_filename.endswith(".pdf"))
        pages, text = pdf_text(report)
        self.assertGreaterEqual(pages, 2)
        self.assertIn("Rapport statistique de l'AMO", text)
        self.assertIn("80 000 000 FCFA", text)  # contributions called in October and November
        self.assertIn("Cotisations appelées", text)
        self.assertIn("Norme enfreinte", text)  # benefits over contributions under 70 %
        self.assertIn("IPM Sonatel", text)
        self.assertIn("Thiès", text)
        self.assertIn("2 état(s)", text)

    def test_a_report_stays_as_drawn_when_a_return_is_corrected(self):
        (october,) = self._returns("2026-10")
        report = self._generated(self._ask(scope="ipm", ipm_id=self.ipm.id))
        drawn = report.pdf
        with trap_jobs():
            correction = self._import(sample_return(period="2026-10", management_costs=9_000_000))
        self.assertEqual(october.state, "superseded")
        self.assertEqual(report.return_ids, october)
        self.assertEqual(report.pdf, drawn)
        with self.assertRaises(UserError):
            report.with_user(self.analyst).write({"return_ids": [(6, 0, correction.ids)]})
        with self.assertRaises(UserError):
            report.with_user(self.analyst).write({"date_to": "2026-11-01"})
        again = self._generated(self._ask(scope="ipm", ipm_id=self.ipm.id))
        self.assertEqual(again.return_ids, correction)

    def test_a_report_of_months_without_returns_fails_and_says_why(self):
        report = self._generated(self._ask(date_from="2025-01-01", date_to="2025-03-01"))
        self.assertEqual(report.state, "failed")
        self.assertTrue(report.failure_reason)
        self.assertFalse(report.pdf)
        # the analyst mends the months and generates it again
        report.with_user(self.analyst).write({"date_from": "2026-10-01", "date_to": "2026-10-01"})
        self._returns("2026-10")
        self.assertEqual(self._generated(report).state, "done")
        with self.assertRaises(UserError):
            report.with_user(self.analyst).action_generate()

    def test_a_report_of_an_ipm_or_region_without_figures_fails(self):
        self._returns("2026-10")
        silent = self.env["siamo.icamo.ipm"].create(
            {"company_id": self.icamo.id, "code": "IPM-MUETTE", "name": "IPM Muette"}
        )
        report = self._generated(self._ask(scope="ipm", ipm_id=silent.id))
        self.assertEqual((report.state, report.pdf), ("failed", False))
        elsewhere = self.env.ref("siamo_referentiel.region_zg")
        report = self._generated(self._ask(scope="region", region_id=elsewhere.id))
        self.assertEqual(report.state, "failed", "no IPM declared figures in Ziguinchor")
        report = self._generated(self._ask(scope="ipm", ipm_id=self.ipm.id))
        self.assertEqual(report.state, "done")

    def test_a_drawing_that_breaks_fails_the_report_with_its_reason(self):
        self._returns("2026-10")
        report = self._ask()
        broken = patch.object(type(report), "_draw", side_effect=ValueError("police absente"))
        with broken, mute_logger("odoo.addons.siamo_icamo.models.siamo_icamo_report"):
            self._generated(report)
        self.assertEqual(report.state, "failed")
        self.assertIn("police absente", report.failure_reason)

    def test_a_report_names_its_scope_and_months_in_order(self):
        with self.assertRaises(UserError):
            self._ask(scope="ipm")
        with self.assertRaises(UserError):
            self._ask(scope="region")
        with self.assertRaises(UserError):
            self._ask(date_from="2026-12-01", date_to="2026-10-01")
        report = self._ask(date_from="2026-10-15")
        self.assertEqual(str(report.date_from), "2026-10-01")

    def test_only_icamo_asks_for_reports(self):
        correspondent = self._correspondent("correspondant_rapport", followed=False)
        for user in (self.ipm_staff, correspondent):
            with self.assertRaises(AccessError):
                self._ask(user=user)
        report = self._ask()
        with self.assertRaises(AccessError):
            report.with_user(self.ipm_staff).action_generate()
        # what a job writes, no one writes by hand
        with self.assertRaises(AccessError):
            report.write({"state": "done"})
        with self.assertRaises(AccessError):
            report.with_user(self.analyst).unlink()

    def test_the_quarter_s_report_is_queued_once_its_returns_are_due(self):
        self._returns("2026-10", "2026-11", "2026-12")
        reports = self.env["siamo.icamo.report"]
        with freeze_time("2027-01-10"), trap_jobs():
            reports._cron_quarterly_reports()
        self.assertFalse(reports.search([("company_id", "=", self.icamo.id)]))
        with freeze_time("2027-01-20"), trap_jobs() as trap:
            reports._cron_quarterly_reports()
            reports._cron_quarterly_reports()
            trap.perform_enqueued_jobs()
        quarterly = reports.search([("kind", "=", "quarterly"), ("company_id", "=", self.icamo.id)])
        self.assertEqual(len(quarterly), 1)
        self.assertEqual(
            (quarterly.date_from, quarterly.date_to, quarterly.state),
            (date(2026, 10, 1), date(2026, 12, 1), "done"),
        )
        self.assertEqual(len(quarterly.return_ids), 3)
        _pages, text = pdf_text(quarterly)
        self.assertIn("Rapport trimestriel des statistiques de l'AMO", text)
        self.assertIn("T4 2026", text)
        self.assertIn("Par IPM", text)
