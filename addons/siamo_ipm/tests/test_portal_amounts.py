from odoo import http
from odoo.tests import tagged

from .common import SiamoIpmHttpCase


@tagged("post_install", "-at_install")
class TestPortalAmounts(SiamoIpmHttpCase):
    """A member company types a worker's salary as people write it; nothing is guessed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create(
            {"name": "RH montants", "parent_id": cls.employer_a.id}
        )
        cls._portal_user("rh_montants", contact, cls.ipm_a, "siamo_ipm.group_portal_member_company")
        cls.requests = cls.env["siamo.member.request"]

    def _add_worker(self, name, salary):
        return self.url_open(
            "/my/requests/add",
            data={
                "membership_id": self.membership_a.id,
                "name": name,
                "relationship": "participant",
                "hire_date": "2026-01-05",
                "salary": salary,
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_a_salary_typed_with_dots_or_spaces_is_read_in_full(self):
        self.authenticate("rh_montants", "rh_montants")
        for index, typed in enumerate(("250.000", "250 000", "250\u00a0000", "250\u202f000")):
            self._add_worker(f"Salarié {index}", typed)
            request = self.requests.search([("name_to_add", "=", f"Salarié {index}")])
            self.assertEqual(
                (request.membership_id, request.salary), (self.membership_a, 250_000), typed
            )

    def test_a_salary_that_could_be_read_two_ways_is_refused(self):
        self.authenticate("rh_montants", "rh_montants")
        for index, typed in enumerate(("250,5", "250.5", "1.2345", "2 50 000", "-5", "abc")):
            page = self._add_worker(f"Refusé {index}", typed).text
            # the salary's error alone: the rest of the form is right
            self.assertEqual(page.count('class="o_siamo_form_error"'), 1, typed)
            self.assertFalse(self.requests.search([("name_to_add", "=", f"Refusé {index}")]), typed)
