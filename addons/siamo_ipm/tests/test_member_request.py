import base64
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SiamoIpmCase
from .test_staff_import import HEADER


@tagged("post_install", "-at_install")
class TestMemberRequest(SiamoIpmCase):
    """The IPM accepts or refuses what a member company asks; nothing changes before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests = cls.env["siamo.member.request"]
        cls.clerk = cls._ipm_user("agent_requests_a", cls.ipm_a)
        hr_contact = cls.env["res.partner"].create(
            {"name": "RH Demandes A", "parent_id": cls.employer_a.id}
        )
        cls.member_company_user = cls._portal_user(
            "rh_requests_a", hr_contact, cls.ipm_a, "siamo_ipm.group_portal_member_company"
        )

    def _ask_for_child(self):
        return self.requests._submit(
            self.membership_a,
            "add",
            {
                "name_to_add": "Bébé Test",
                "relationship": "child",
                "participant_id": self.participant_a.id,
                "birthdate": date(2026, 6, 1),
            },
            [("acte_de_naissance.pdf", b"%PDF-1.4 acte")],
        )

    def test_an_accepted_addition_creates_the_dependent_with_its_documents(self):
        request = self._ask_for_child()
        self.assertEqual((request.state, request.employer_id), ("submitted", self.employer_a))
        self.assertFalse(self.participant_a.dependent_ids.filtered(lambda d: d.name == "Bébé Test"))
        request.with_user(self.clerk).action_accept()
        child = request.beneficiary_id
        self.assertEqual((child.name, child.participant_id), ("Bébé Test", self.participant_a))
        self.assertEqual(child.membership_id, self.membership_a)
        self.assertTrue(child.member_number)
        self.assertEqual((request.state, request.decided_by_id), ("accepted", self.clerk))
        self.assertIn("acte_de_naissance.pdf", child.message_ids.attachment_ids.mapped("name"))
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_accept()

    def test_a_refusal_needs_a_reason_and_changes_nothing(self):
        request = self._ask_for_child().with_user(self.clerk)
        with self.assertRaises(UserError):
            request.action_refuse()
        request.refusal_reason = "Acte de naissance illisible"
        request.action_refuse()
        self.assertEqual((request.state, request.decided_by_id), ("refused", self.clerk))
        self.assertFalse(request.beneficiary_id)
        self.assertIn("Acte de naissance illisible", request.message_ids[0].body)
        with self.assertRaises(UserError):
            request.action_accept()

    def test_removing_a_worker_ends_his_family_rights_on_the_date(self):
        self.participant_a.first_contribution_month = "2020-01-01"
        request = self.requests._submit(
            self.membership_a,
            "remove",
            {
                "beneficiary_id": self.participant_a.id,
                "date_effective": date(2026, 12, 31),
                "reason": "Démission",
            },
        )
        self.assertFalse(self.participant_a.left_on)
        request.with_user(self.clerk).action_accept()
        self.assertEqual(self.participant_a.left_on, date(2026, 12, 31))
        self.assertEqual(self.spouse_a.left_on, date(2026, 12, 31))
        self.assertEqual(self.spouse_a.state, "left")
        self.assertTrue(self.spouse_a._rights_on(date(2026, 12, 30)).eligible)
        self.assertFalse(self.spouse_a._rights_on(date(2027, 1, 1)).eligible)

    def test_removing_only_a_dependent_leaves_the_worker_covered(self):
        self.participant_a.first_contribution_month = "2020-01-01"
        request = self.requests._submit(
            self.membership_a,
            "remove",
            {
                "beneficiary_id": self.spouse_a.id,
                "date_effective": date(2026, 12, 1),
                "reason": "Divorce",
            },
        )
        request.with_user(self.clerk).action_accept()
        self.assertFalse(self.spouse_a._rights_on(date(2026, 12, 2)).eligible)
        self.assertTrue(self.participant_a._rights_on(date(2026, 12, 2)).eligible)
        self.assertFalse(self.participant_a.left_on)

    def test_a_staff_list_is_applied_when_accepted_and_a_bad_one_is_not_sent(self):
        self.participant_a.write({"payroll_number": "MAT-A1", "salary": 200_000})
        self.participant_a2.write({"payroll_number": "MAT-A2", "salary": 150_000})
        lines = [HEADER, "MAT-A1;Moussa Test;;;M;;260000;", "MAT-A2;Lamine Test;;;M;;150000;"]
        request, check = self.requests._submit_staff_list(
            self.membership_a, "personnel.csv", "\n".join(lines).encode()
        )
        self.assertEqual((request.salary_change_count, request.hire_count), (1, 0))
        self.assertEqual(self.participant_a.salary, 200_000)
        request.with_user(self.clerk).action_accept()
        self.assertEqual(self.participant_a.salary, 260_000)
        bad, check = self.requests._submit_staff_list(
            self.membership_a, "personnel.csv", "\n".join([*lines, "MAT-X;;;;;;-1;"]).encode()
        )
        self.assertFalse(bad)
        self.assertEqual(check.error_count, 1)
        self.assertEqual(
            self.requests.search_count(
                [("kind", "=", "staff_list"), ("membership_id", "=", self.membership_a.id)]
            ),
            1,
        )
        self.assertTrue(base64.b64decode(request.file).startswith(b"matricule"))

    def test_an_ipm_reads_only_the_requests_of_its_own_members(self):
        request = self._ask_for_child()
        user_b = self._ipm_user("agent_b_requests", self.ipm_b)
        with self.assertRaises(AccessError):
            request.with_user(user_b).check_access("read")
        user_a = self._ipm_user("agent_a_requests", self.ipm_a)
        request.with_user(user_a).action_accept()
        self.assertEqual(request.state, "accepted")

    def test_the_member_company_asks_but_does_not_decide(self):
        """From its portal the company submits; accepting or refusing stays with the IPM."""
        request = self._ask_for_child()
        self.assertEqual(self.requests.with_user(self.member_company_user).search([]), request)
        request.refusal_reason = "Essai"
        for action in ("action_accept", "action_refuse"):
            with (
                self.subTest(action=action),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
            ):
                getattr(request.with_user(self.member_company_user), action)()
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.with_user(self.member_company_user).write({"state": "accepted"})
        self.assertEqual(
            (request.state, request.decided_by_id), ("submitted", self.env["res.users"])
        )
        self.assertFalse(self.participant_a.dependent_ids.filtered(lambda d: d.name == "Bébé Test"))
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.requests.with_user(self.member_company_user).create(
                {"membership_id": self.membership_a.id, "kind": "add", "name_to_add": "Intrus"}
            )

    def test_another_ipm_neither_accepts_nor_refuses(self):
        request = self._ask_for_child()
        request.refusal_reason = "Essai"
        manager_b = self._ipm_user("manager_b_requests", self.ipm_b, "siamo_ipm.group_ipm_manager")
        for action in ("action_accept", "action_refuse"):
            with (
                self.subTest(action=action),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
            ):
                getattr(request.with_user(manager_b), action)()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.beneficiary_id)
