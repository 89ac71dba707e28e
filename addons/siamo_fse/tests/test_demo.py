from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLivingDemo(TransactionCase):
    """Whoever logs in to the demo sees the care pathway live, each from where he stands."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("siamo_ipm.ipm_dakar_demo", raise_if_not_found=False):
            self.skipTest("the database has no demo data")
        ref = self.env.ref
        self.dakar = ref("siamo_ipm.ipm_dakar_demo")
        self.clinic = ref("siamo_referentiel.provider_clinique_filaos_demo")
        self.manager = ref("siamo_ipm.user_ipm_manager_demo")
        self.provider = ref("siamo_ipm.user_portal_provider_demo")

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
