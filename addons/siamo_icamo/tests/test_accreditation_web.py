import csv
import io
import re
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .accreditation_common import AccreditationCase


@tagged("post_install", "-at_install")
class TestAccreditationWeb(AccreditationCase, HttpCase):
    def _granted(self, **dates):
        application = self._reviewed(self._apply())
        application.with_user(self.admin).action_grant(
            dates.get("start", date.today() - timedelta(days=10)),
            dates.get("end", date.today() + timedelta(days=1000)),
        )
        return application

    def test_the_public_list_and_its_open_data(self):
        granted = self._granted()
        expired = self._granted(start=date(2015, 1, 1), end=date(2020, 12, 31))
        refused = self._apply()
        refused.with_user(self.admin).action_refuse("Statuts non conformes.")
        self.env.flush_all()

        page = self.url_open("/amo/ipm-agreees")
        self.assertEqual(page.status_code, 200)
        self.assertIn("IPM Sonatel", page.text)
        self.assertIn(granted.name, page.text)
        self.assertNotIn(expired.name, page.text)
        self.assertNotIn("Awa Ndiaye", page.text, "no private data")

        data = self.url_open("/amo/ipm-agreees.json").json()["accredited_ipms"]
        ours = [row for row in data if row["ipm"] == "IPM Sonatel"]
        self.assertEqual([row["number"] for row in ours], [granted.name])
        self.assertEqual(
            set(ours[0]),
            {"number", "ipm", "kind", "region", "valid_from", "valid_until"},
        )
        self.assertEqual(
            (ours[0]["kind"], ours[0]["valid_until"]),
            ("IPM d'entreprise", granted.date_end.isoformat()),
        )

        response = self.url_open("/amo/ipm-agreees.csv")
        self.assertIn("text/csv", response.headers["Content-Type"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][0], "Numéro d'agrément")
        self.assertEqual([row[0] for row in rows[1:] if row[1] == "IPM Sonatel"], [granted.name])

    def test_the_applicant_applies_and_answers_in_the_portal(self):
        self.applicant.lang = "fr_FR"
        self.start_tour("/my", "siamo_accreditation_apply", login=self.applicant.login)
        application = self.env["siamo.accreditation"].search(
            [("applicant_id", "=", self.applicant.id)]
        )
        self.assertEqual(
            (application.state, application.ipm_kind, application.worker_count),
            ("requested", "company", 1200),
        )
        self.assertEqual(application.document_ids.mapped("name"), ["statuts.pdf"])

        review = application.with_user(self.analyst)
        review.question_to_ask = "Joignez le procès-verbal de l'assemblée constitutive."
        review.action_ask_more_information()
        self.start_tour(
            "/my/accreditations", "siamo_accreditation_answer", login=self.applicant.login
        )
        application.invalidate_recordset()
        self.assertEqual(application.state, "requested")
        self.assertEqual(application.question_ids.answer, "Le procès-verbal est joint.")
        self.assertEqual(len(application.document_ids), 2)

    def test_another_ipm_s_applicant_cannot_open_the_application(self):
        application = self._apply()
        self.authenticate(self.other_applicant.login, self.other_applicant.login)
        response = self.url_open(f"/my/accreditations/{application.id}")
        self.assertNotIn("Statuts types", response.text)
        self.assertTrue(response.url.endswith("/my"))

    def test_the_analyst_reviews_in_the_backend(self):
        application = self._apply()
        self.start_tour("/odoo", "siamo_accreditation_review", login=self.analyst.login)
        self.assertEqual(application.state, "more_info")
        self.assertTrue(application.check_statutes)
        self.assertEqual(
            application.question_ids.question,
            "Joignez le procès-verbal de l'assemblée constitutive.",
        )

    def test_the_portal_form_takes_the_application_and_its_documents(self):
        self.authenticate(self.applicant.login, self.applicant.login)
        page = self.url_open("/my/accreditations/new")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/my/accreditations/new",
            data={
                "csrf_token": token,
                "ipm_kind": "inter",
                "statutes": "Statuts types.",
                "worker_count": "300",
                "member_company_count": "12",
                "submit": "1",
            },
            files={"doc_statutes": ("statuts.pdf", b"%PDF-1.4 statuts", "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        application = self.env["siamo.accreditation"].search(
            [("applicant_id", "=", self.applicant.id)]
        )
        self.assertEqual((application.state, application.member_company_count), ("requested", 12))
        self.assertEqual(application.document_ids.mapped("name"), ["statuts.pdf"])
        self.assertIn(f"/my/accreditations/{application.id}", response.url)
