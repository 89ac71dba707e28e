from odoo.addons.siamo_ipm.tests.test_demo_care import DemoPeople
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLivingDemo(DemoPeople, TransactionCase):
    """The demo providers' signed sheets: refused at the door, or waiting at the IPM."""

    def test_the_provider_reads_the_refused_sheet_and_its_reason(self):
        submissions = self.env["siamo.fse.submission"].with_user(self.provider)
        refused = submissions.search([("state", "=", "rejected")])
        self.assertEqual(len(refused), 1)
        self.assertEqual(refused.reason_codes, "FSE-AUTH-MISSING")
        self.assertFalse(refused.fse_id)
        self.assertEqual(
            refused.with_context(lang="fr_FR").reason_labels,
            "Prise en charge requise et absente (FSE-AUTH-MISSING)",
        )
        self.assertIn("SF-ACC", refused.answer)  # the act that needed it
        # the clinic's other sheets came on paper: the exchange holds none of them
        self.assertFalse(submissions.search([("state", "=", "received")]))

    def test_the_hospital_s_signed_sheets_wait_at_the_ipm(self):
        hospital = self.env.ref("siamo_referentiel.provider_hopital_dakar_demo")
        sheets = (
            self.env["siamo.fse"]
            .with_user(self.manager)
            .search([("provider_id", "=", hospital.id), ("settlement_batch_id", "=", False)])
        )
        self.assertEqual(len(sheets), 2)
        self.assertEqual(set(sheets.mapped("channel")), {"api"})
        self.assertEqual(len(sheets.submission_ids), 2)
