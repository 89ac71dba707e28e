from odoo import http
from odoo.tests import tagged

from .common import SiamoIpmHttpCase
from .test_staff_import import HEADER


@tagged("post_install", "-at_install")
class TestPortalRequests(SiamoIpmHttpCase):
    """A member company asks from its portal; it reaches only its own workers and requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner = cls.env["res.partner"]
        for letter, employer, ipm in (
            ("a", cls.employer_a, cls.ipm_a),
            ("b", cls.employer_b, cls.ipm_b),
        ):
            contact = partner.create({"name": f"RH {letter}", "parent_id": employer.id})
            cls._portal_user(f"rh_{letter}", contact, ipm, "siamo_ipm.group_portal_member_company")
        worker = partner.create({"name": "Moussa Test"})
        cls.participant_a.partner_id = worker
        cls._portal_user("moussa_requests", worker, cls.ipm_a, "siamo_ipm.group_portal_participant")
        cls.requests = cls.env["siamo.member.request"]

    def _requests(self):
        return self.requests.search(
            [("membership_id", "in", (self.membership_a | self.membership_b).ids)]
        )

    def _post(self, url, data, files=None):
        return self.url_open(
            url, data={**data, "csrf_token": http.Request.csrf_token(self)}, files=files
        )

    def test_asking_to_add_a_child_with_a_birth_certificate(self):
        self.authenticate("rh_a", "rh_a")
        response = self._post(
            "/my/requests/add",
            {
                "membership_id": self.membership_a.id,
                "name": "Bébé Test",
                "relationship": "child",
                "participant_id": self.participant_a.id,
                "birthdate": "2026-06-01",
            },
            files={"documents": ("acte.pdf", b"%PDF-1.4 acte", "application/pdf")},
        )
        request = self.requests.search([("name_to_add", "=", "Bébé Test")])
        self.assertEqual((request.state, request.membership_id), ("submitted", self.membership_a))
        self.assertTrue(response.url.endswith(f"/my/requests/{request.id}"), response.url)
        self.assertIn("acte.pdf", request.message_ids.attachment_ids.mapped("name"))
        self.assertFalse(self.participant_a.dependent_ids.filtered(lambda d: d.name == "Bébé Test"))
        listing = self.url_open("/my/requests")
        self.assertIn(request.name, listing.text)

    def test_a_bad_form_shows_its_errors_and_sends_nothing(self):
        self.authenticate("rh_a", "rh_a")
        response = self._post(
            "/my/requests/add",
            {
                "membership_id": self.membership_a.id,
                "name": "Enfant Test",
                "relationship": "child",
                "participant_id": self.participant_a.id,
                "nin": "123",
                "salary": "beaucoup",
            },
        )
        self.assertIn("o_siamo_form_errors", response.text)
        # the NIN, the salary and the missing birth date of a child
        self.assertEqual(response.text.count('class="o_siamo_form_error"'), 3)
        self.assertFalse(self._requests())

    def test_company_a_cannot_reach_company_b_by_guessing_ids(self):
        own = self.requests._submit(
            self.membership_b,
            "remove",
            {
                "beneficiary_id": self.child_b.id,
                "date_effective": "2026-12-01",
                "reason": "Départ",
            },
        )
        self.authenticate("rh_a", "rh_a")
        self.assertTrue(self.url_open(f"/my/requests/{own.id}").url.endswith("/my"))
        self.assertNotIn(own.name, self.url_open("/my/requests").text)
        removal = self._post(
            f"/my/requests/remove/{self.child_b.id}",
            {"date_effective": "2026-12-01", "reason": "x"},
        )
        self.assertTrue(removal.url.endswith("/my"))
        self._post(
            "/my/requests/add",
            {
                "membership_id": self.membership_b.id,
                "name": "Intrus",
                "relationship": "spouse",
                "participant_id": self.participant_b.id,
            },
        )
        self._post(
            "/my/requests/add",
            {
                "membership_id": self.membership_a.id,
                "name": "Intruse",
                "relationship": "spouse",
                "participant_id": self.participant_b.id,
            },
        )
        self.assertEqual(self._requests(), own)

    def test_asking_to_remove_a_worker(self):
        self.authenticate("rh_a", "rh_a")
        detail = self.url_open(f"/my/beneficiaries/{self.participant_a2.id}")
        self.assertIn(f"/my/requests/remove/{self.participant_a2.id}", detail.text)
        self._post(
            f"/my/requests/remove/{self.participant_a2.id}",
            {"date_effective": "2026-12-31", "reason": "Démission"},
        )
        request = self._requests()
        self.assertEqual((request.kind, request.beneficiary_id), ("remove", self.participant_a2))
        self.assertFalse(self.participant_a2.left_on)

    def test_a_staff_file_with_errors_sends_nothing_and_a_good_one_waits_for_the_ipm(self):
        self.participant_a.write({"payroll_number": "MAT-A1", "salary": 200_000})
        self.authenticate("rh_a", "rh_a")
        bad = "\n".join([HEADER, "MAT-A1;Moussa Test;;;M;;250000;", "MAT-X;;123;;;;-5;"])
        response = self._post(
            "/my/requests/staff",
            {"membership_id": self.membership_a.id},
            files={"staff_file": ("personnel.csv", bad.encode(), "text/csv")},
        )
        self.assertIn("o_siamo_staff_report", response.text)
        self.assertFalse(self._requests())
        good = "\n".join([HEADER, "MAT-A1;Moussa Test;;;M;;250000;"])
        self._post(
            "/my/requests/staff",
            {"membership_id": self.membership_a.id},
            files={"staff_file": ("personnel.csv", good.encode(), "text/csv")},
        )
        request = self._requests()
        self.assertEqual((request.kind, request.salary_change_count), ("staff_list", 1))
        self.assertEqual(self.participant_a.salary, 200_000)

    def test_a_participant_does_not_ask_for_his_company(self):
        self.authenticate("moussa_requests", "moussa_requests")
        self.assertTrue(self.url_open("/my/requests/add").url.endswith("/my"))
        self.assertTrue(self.url_open("/my/requests").url.endswith("/my"))
