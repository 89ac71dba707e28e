from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_contributions import ContributionsCase

LINE_MONEY = ("salary", "base", "employer_amount", "worker_amount", "total")


@tagged("post_install", "-at_install")
class TestProtectedContributions(ContributionsCase):
    """Contributions and rights change only through the IPM's actions; an invoiced period and
    its lines never change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, group):
            return new_test_user(
                cls.env, login=login, groups=group, company_id=cls.ipm.id, company_ids=[cls.ipm.id]
            )

        cls.clerk = user("guard-ipm-agent", "siamo_ipm.group_ipm_user")
        cls.accountant = user("guard-ipm-comptable", "siamo_ipm.group_ipm_accountant")
        cls.manager = user("guard-ipm-gestionnaire", "siamo_ipm.group_ipm_manager")

    def _line(self, participant):
        return self.period.line_ids.filtered(lambda line: line.participant_id == participant)

    def test_the_accountant_computes_and_invoices_but_never_rewrites_a_contribution(self):
        period = self.period.with_user(self.accountant)
        period.action_compute()
        line = self._line(self.above).with_user(self.accountant)
        before = [line[name] for name in LINE_MONEY]
        self.assertEqual(before, [600_000, 250_000, 7_500, 7_500, 15_000])
        with self.assertRaises(AccessError):
            line.write({"total": 1, "worker_amount": 0})
        with self.assertRaises(AccessError):
            line.unlink()
        with self.assertRaises(AccessError):
            period.write({"state": "invoiced"})
        with self.assertRaises(AccessError):
            self.env["siamo.contribution.line"].with_user(self.accountant).create(
                {
                    "period_id": period.id,
                    "membership_id": self.membership.id,
                    "participant_id": self.below.id,
                    "total": 1_000_000,
                }
            )
        period.action_invoice()
        self.assertEqual(period.state, "invoiced")
        self.assertEqual(line.move_id.partner_id, self.employer)
        with self.assertRaises(UserError):
            line.write({"total": 1})
        with self.assertRaises(UserError):
            period.write({"state": "computed"})
        with self.assertRaises(UserError):
            period.write({"date_due": "2027-01-31"})
        with self.assertRaises(UserError):
            self.period.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            period.action_compute()
        line.invalidate_recordset()
        self.assertEqual([line[name] for name in LINE_MONEY], before)
        self.assertEqual(period.amount_total, sum(self.period.line_ids.mapped("total")))

    def test_rights_are_suspended_and_restored_by_the_ipm_alone(self):
        membership = self.membership.with_user(self.clerk)
        with self.assertRaises(AccessError):
            membership.write({"state": "suspended"})
        with self.assertRaises(AccessError):
            self.below.with_user(self.clerk).write({"state": "suspended"})
        self.membership.with_user(self.manager)._siamo_suspend_for_arrears(self.period.date_due)
        self.assertEqual((self.membership.state, self.below.state), ("suspended", "suspended"))
        self.assertEqual(self.below.suspended_since, self.period.date_due)
        with self.assertRaises(AccessError):
            self.below.with_user(self.clerk).write({"state": "covered", "suspended_since": False})
        with self.assertRaises(AccessError):
            membership.write({"state": "active", "suspended_for_arrears": False})
        self.below.invalidate_recordset()
        self.assertEqual(
            (self.below.state, self.below.suspended_since), ("suspended", self.period.date_due)
        )
        self.membership.with_user(self.manager)._siamo_restore_rights()
        self.assertEqual((self.membership.state, self.below.state), ("active", "covered"))
        self.assertFalse(self.below.suspended_since)
