import base64

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SiamoIpmCase

HEADER = "matricule;nom;nin;date_naissance;sexe;date_embauche;salaire;date_sortie"


class StaffListCase(SiamoIpmCase):
    """Two workers of IPM A's member company with their payroll numbers and salaries, the
    IPM's clerk and manager who apply the company's staff lists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.participant_a.write({"payroll_number": "MAT-A1", "salary": 200_000})
        cls.participant_a2.write({"payroll_number": "MAT-A2", "salary": 150_000})
        cls.clerk = cls._ipm_user("agent_staff_a", cls.ipm_a)
        cls.manager = cls._ipm_user("manager_staff_a", cls.ipm_a, "siamo_ipm.group_ipm_manager")

    def _wizard(self, *lines, user=None):
        content = "\n".join([HEADER, *lines]).encode()
        return (
            self.env["siamo.staff.import"]
            .with_user(user or self.clerk)
            .create(
                {
                    "membership_id": self.membership_a.id,
                    "file": base64.b64encode(content),
                    "filename": "personnel.csv",
                }
            )
        )


@tagged("post_install", "-at_install")
class TestStaffImport(StaffListCase):
    def test_changes_shown_then_applied(self):
        wizard = self._wizard(
            "MAT-A1;Moussa Test;;;M;;250000;",
            "MAT-NEW;Awa Nouvelle;2751199001234;02/05/1990;F;01/11/2026;180000;",
        )
        wizard.action_preview()
        self.assertEqual(
            (wizard.hire_count, wizard.departure_count, wizard.salary_change_count), (1, 1, 1)
        )
        self.assertIn("200000 → 250000", wizard.changes_html)
        self.assertEqual(self.participant_a.salary, 200_000)
        wizard.action_apply()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(self.participant_a.salary, 250_000)
        self.assertEqual(self.participant_a2.left_on, fields.Date.context_today(wizard))
        self.assertEqual(self.participant_a2.state, "left")
        hire = self.env["siamo.beneficiary"].search([("payroll_number", "=", "MAT-NEW")])
        self.assertEqual(
            (hire.membership_id, hire.employer_id), (self.membership_a, self.employer_a)
        )
        self.assertEqual((hire.nin, hire.gender, hire.salary), ("2751199001234", "female", 180_000))
        self.assertTrue(hire.member_number)

    def test_a_bad_list_changes_nothing(self):
        wizard = self._wizard(
            "MAT-A1;Moussa Test;;;M;;250000;",
            "MAT-NEW;Awa Nouvelle;123;;F;;-5;",
        )
        wizard.action_preview()
        self.assertEqual(wizard.error_count, 1)
        self.assertTrue(wizard.error_report)
        with self.assertRaisesRegex(UserError, "nothing was changed"):
            wizard.action_apply()
        self.assertEqual(self.participant_a.salary, 200_000)
        self.assertFalse(self.participant_a2.left_on)
        self.assertFalse(self.env["siamo.beneficiary"].search([("payroll_number", "=", "MAT-NEW")]))

    def test_the_same_list_twice_changes_nothing(self):
        lines = ("MAT-A1;Moussa Test;;;M;;200000;", "MAT-A2;Lamine Test;;;M;;150000;")
        wizard = self._wizard(*lines)
        wizard.action_preview()
        self.assertEqual(
            (wizard.hire_count, wizard.departure_count, wizard.salary_change_count), (0, 0, 0)
        )

    def test_the_manager_imports_too(self):
        wizard = self._wizard("MAT-A1;Moussa Test;;;M;;230000;", user=self.manager)
        wizard.action_apply()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(self.participant_a.salary, 230_000)
        self.assertEqual(self.participant_a2.state, "left")

    def test_neither_the_member_company_nor_another_ipm_imports(self):
        """The company sends its list through a request (portal); another IPM's staff never
        reaches IPM A's register."""
        hr_contact = self.env["res.partner"].create(
            {"name": "RH Import A", "parent_id": self.employer_a.id}
        )
        member_company = self._portal_user(
            "rh_staff_a", hr_contact, self.ipm_a, "siamo_ipm.group_portal_member_company"
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._wizard("MAT-A1;Moussa Test;;;M;;999000;", user=member_company)
        manager_b = self._ipm_user("manager_staff_b", self.ipm_b, "siamo_ipm.group_ipm_manager")
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._wizard(
                "MAT-A1;Moussa Test;;;M;;999000;",
                "MAT-NEW;Intrus;;;M;;100000;",
                user=manager_b,
            ).action_apply()
        self.assertEqual(self.participant_a.salary, 200_000)
        self.assertFalse(self.participant_a2.left_on)
        self.assertFalse(self.env["siamo.beneficiary"].search([("payroll_number", "=", "MAT-NEW")]))
