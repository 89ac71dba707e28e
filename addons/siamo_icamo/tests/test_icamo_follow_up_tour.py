from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestIcamoFollowUpTour(HttpCase):
    """In the browser (in French, the database's language), ICAMO's analyst generates a
    report, and an IPM's correspondent answers the recommendation ICAMO made to his IPM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.icamo = cls.env["res.company"].create({"name": "ICAMO Tour", "siamo_role": "icamo"})
        ipm_company = cls.env["res.company"].create(
            {"name": "IPM Tour", "siamo_role": "ipm", "siamo_ipm_kind": "company"}
        )
        cls.ipm = cls.env["siamo.icamo.ipm"].create(
            {"company_id": cls.icamo.id, "code": "IPM-TOUR", "name": "IPM Tour"}
        )
        cls.analyst = new_test_user(
            cls.env,
            login="analyste_tour",
            groups="siamo_icamo.group_icamo_analyst",
            company_id=cls.icamo.id,
            company_ids=[cls.icamo.id],
        )
        cls.correspondent = new_test_user(
            cls.env,
            login="correspondant_tour",
            groups="base.group_user,siamo_icamo.group_icamo_correspondent",
            company_id=ipm_company.id,
            company_ids=[ipm_company.id],
        )
        cls.ipm.correspondent_ids = cls.correspondent

    def test_the_correspondent_answers_a_recommendation(self):
        recommendation = self.env["siamo.icamo.recommendation"].create(
            {
                "company_id": self.icamo.id,
                "ipm_id": self.ipm.id,
                "indicator": "collection_rate",
                "period": "2026-10-01",
                "status": "watch",
                "text": "Collect the contributions still due.",
                "date_issued": "2026-11-20",
                "date_due": "2027-02-18",
            }
        )
        self.start_tour("/odoo", "siamo_icamo_answer_recommendation", login="correspondant_tour")
        self.assertEqual(recommendation.state, "acknowledged")
        self.assertEqual(recommendation.response, "Plan de recouvrement voté par le conseil.")
        self.assertEqual(recommendation.write_uid, self.correspondent)

    def test_the_analyst_generates_a_report(self):
        report = self.env["siamo.icamo.report"].create(
            {"company_id": self.icamo.id, "date_from": "2026-10-01", "date_to": "2026-12-01"}
        )
        self.start_tour("/odoo", "siamo_icamo_generate_report", login="analyste_tour")
        self.assertEqual(report.state, "queued")
        job = self.env["queue.job"].search(
            [("identity_key", "=", f"siamo-icamo-report-{report.id}")]
        )
        self.assertEqual((job.method_name, job.user_id), ("_generate", self.analyst))
