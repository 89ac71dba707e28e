import base64

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SiamoIpmCase

HEADER = "matricule;nom;nin;date_naissance;sexe;date_embauche;salaire;date_sortie"


@tagged("post_install", "-at_install")
class TestStaffImport(SiamoIpmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.participant_a.write({"payroll_number": "MAT-A1", "salary": 200_000})
        cls.participant_a2.write({"payroll_number": "MAT-A2", "salary": 150_000})

    def _wizard(self, *lines):
        content = "\n".join([HEADER, *lines]).encode()
        return self.env["siamo.staff.import"].create(
            {
                "membership_id": self.membership_a.id,
                "file": base64.b64encode(content),
                "filename": "personnel.csv",
            }
        )

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
