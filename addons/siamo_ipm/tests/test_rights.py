from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from .common import SiamoIpmCase


@tagged("post_install", "-at_install")
class TestRights(SiamoIpmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["siamo.ipm.rule"].create(
            {
                "company_id": cls.ipm_a.id,
                "date_from": "2020-01-01",
                "child_age_limit": 21,
                "student_age_limit": 26,
                "grace_days": 60,
            }
        )
        cls.participant_a.first_contribution_month = "2026-01-01"
        cls.child_a = cls.env["siamo.beneficiary"].create(
            {
                "name": "Enfant Test",
                "company_id": cls.ipm_a.id,
                "relationship": "child",
                "participant_id": cls.participant_a.id,
                "birthdate": "2004-06-15",
            }
        )

    def test_rules_outside_the_law_are_refused_with_the_limit(self):
        for values, limit in (
            ({"contribution_rate": 16}, "at most 15 %"),
            ({"salary_ceiling": 300_000}, "250000 FCFA"),
            ({"employer_share": 40}, "at least 50 %"),
            ({"waiting_months": 3}, "at most 2 months"),
        ):
            with self.assertRaisesRegex(ValidationError, limit), self.cr.savepoint():
                self.rules.write(values)
        self.assertEqual(self.rules.contribution_rate, 6)

    def test_rules_in_force_on_a_date(self):
        self.env["siamo.ipm.rule"].create(
            {"company_id": self.ipm_a.id, "date_from": "2026-01-01", "contribution_rate": 8}
        )
        rules = self.env["siamo.ipm.rule"]
        self.assertEqual(rules._rules_on(self.ipm_a, date(2025, 12, 31)).contribution_rate * 100, 6)
        self.assertEqual(rules._rules_on(self.ipm_a, date(2026, 1, 1)).contribution_rate * 100, 8)
        self.assertEqual(rules._rules_on(self.ipm_b, date(2026, 1, 1)).waiting_months, 2)

    def test_waiting_period_then_cover(self):
        waiting = self.participant_a._rights_on(date(2026, 2, 28))
        self.assertFalse(waiting.eligible)
        self.assertEqual(
            [(reason.code, reason.params) for reason in waiting.reasons],
            [("RIGHTS_WAITING", {"date": date(2026, 2, 28)})],
        )
        self.assertTrue(self.participant_a._rights_on(date(2026, 3, 1)).eligible)
        self.assertTrue(self.spouse_a._rights_on(date(2026, 3, 1)).eligible)

    def test_no_contribution_yet_means_no_cover_yet(self):
        rights = self.participant_a2._rights_on(date(2026, 3, 1))
        self.assertFalse(rights.eligible)
        self.assertEqual([reason.code for reason in rights.reasons], ["RIGHTS_NO_CONTRIBUTION"])
        self.assertFalse(self.participant_a2.has_rights)

    def test_child_age_limit_and_school_certificate(self):
        self.assertTrue(self.child_a._rights_on(date(2025, 6, 14)).eligible is False)  # stage
        self.assertTrue(self.child_a._rights_on(date(2026, 3, 1)).eligible is False)
        self.assertEqual(
            self.child_a._rights_on(date(2026, 3, 1)).explanation,
            "child aged 21 without a valid school certificate",
        )
        self.child_a.student_until = "2026-07-31"
        self.assertTrue(self.child_a._rights_on(date(2026, 7, 31)).eligible)
        self.assertFalse(self.child_a._rights_on(date(2026, 8, 1)).eligible)

    def test_suspension_reaches_the_family_and_shows_today(self):
        self.participant_a.suspended_since = "2026-04-01"
        refused = self.spouse_a._rights_on(date(2026, 4, 2))
        self.assertEqual(
            [(reason.code, reason.params) for reason in refused.reasons],
            [("RIGHTS_SUSPENDED", {"date": date(2026, 4, 1)})],
        )
        self.assertFalse(self.spouse_a.has_rights)
        self.assertEqual(
            self.spouse_a.rights_explanation,
            "rights suspended for unpaid contributions since "
            + format_date(self.env, date(2026, 4, 1)),
        )
        self.participant_a.suspended_since = False
        self.spouse_a.invalidate_recordset(["has_rights"])
        self.assertTrue(self.spouse_a.has_rights)

    def test_a_nin_is_an_active_beneficiary_once_per_ipm(self):
        self.participant_a.nin = "1751198501234"
        with self.assertRaisesRegex(ValidationError, "1751198501234"), self.cr.savepoint():
            self.participant_a2.nin = "1751198501234"
        self.assertFalse(self.participant_a2.nin)
        self.participant_b.nin = "1751198501234"
        self.assertIn("IPM Test A", self.participant_b.nin_warning)
        self.assertFalse(self.participant_a2.nin_warning)

    def test_membership_lifecycle_is_dated(self):
        membership = self._create_membership(
            self.ipm_b, self.env["res.partner"].create({"name": "Nouvelle", "is_company": True})
        )
        membership.write({"state": "application", "date_effective": False})
        outsider = self._ipm_user("lifecycle_manager_a", self.ipm_a, "siamo_ipm.group_ipm_manager")
        with self.assertRaises(AccessError), self.cr.savepoint():
            membership.with_user(outsider).action_accept()
        self.assertEqual((membership.state, membership.date_effective), ("application", False))
        membership = membership.with_user(
            self._ipm_user("lifecycle_manager_b", self.ipm_b, "siamo_ipm.group_ipm_manager")
        )
        membership.action_accept()
        self.assertEqual(membership.state, "accepted")
        self.assertTrue(membership.date_effective)
        membership.action_activate()
        membership.action_suspend()
        self.assertEqual(membership.state, "suspended")
        self.assertTrue(membership.date_suspended)
        membership.action_activate()
        self.assertFalse(membership.date_suspended)
        membership.action_resign()
        self.assertEqual((membership.state, bool(membership.date_resigned)), ("resigned", True))
