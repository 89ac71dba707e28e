from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SiamoIpmCase


@tagged("post_install", "-at_install")
class TestBeneficiary(SiamoIpmCase):
    def test_dependent_follows_the_participant_membership(self):
        self.assertEqual(self.spouse_a.membership_id, self.membership_a)
        self.assertEqual(self.spouse_a.employer_id, self.employer_a)
        self.assertEqual(self.participant_a.dependent_ids, self.spouse_a)

    def test_member_numbers_are_assigned_and_distinct(self):
        numbers = (self.participant_a | self.spouse_a | self.participant_a2).mapped("member_number")
        self.assertTrue(all(numbers))
        self.assertEqual(len(set(numbers)), 3)
        self.assertIn(self.participant_a.member_number, self.participant_a.display_name)

    def test_nin_is_normalised_and_checked(self):
        participant = self._create_participant(
            self.membership_a, "Avec NIN", nin="1 751 1985 01234"
        )
        self.assertEqual(participant.nin, "1751198501234")
        with self.assertRaisesRegex(ValidationError, "13 characters"):
            participant.write({"nin": "175119850"})
        self.assertEqual(participant.nin, "1751198501234")

    def test_dependent_needs_a_participant(self):
        with self.assertRaisesRegex(ValidationError, "linked to a participant|lié"):
            self.env["siamo.beneficiary"].create(
                {"name": "Orphelin", "company_id": self.ipm_a.id, "relationship": "child"}
            )

    def test_participant_needs_a_membership(self):
        with self.assertRaisesRegex(ValidationError, "membership|adhésion"):
            self.env["siamo.beneficiary"].create(
                {"name": "Sans employeur", "company_id": self.ipm_a.id}
            )

    @mute_logger("odoo.sql_db")
    def test_negative_salary_refused(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.participant_a.write({"salary": -1})
            self.participant_a.flush_recordset()

    def test_membership_number_and_count(self):
        self.assertTrue(self.membership_a.name.startswith("ADH-"))
        self.assertEqual(self.membership_a.participant_count, 2)
        action = self.membership_a.action_view_participants()
        self.assertEqual(
            self.env["siamo.beneficiary"].search(action["domain"]),
            self.participant_a | self.participant_a2,
        )

    def test_big_company_warned_in_an_inter_company_ipm(self):
        self.ipm_a.siamo_ipm_kind = "inter"
        self.employer_a.siamo_headcount = 299
        self.assertFalse(self.membership_a.own_ipm_warning)
        self.employer_a.siamo_headcount = 300
        self.assertIn("300", self.membership_a.own_ipm_warning)
        self.ipm_a.siamo_ipm_kind = "company"
        self.assertFalse(self.membership_a.own_ipm_warning)
