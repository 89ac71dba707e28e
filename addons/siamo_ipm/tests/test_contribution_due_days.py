from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .test_contributions import ContributionsCase

PERIOD = "siamo.contribution.period"


@tagged("post_install", "-at_install")
class TestContributionDueDays(ContributionsCase):
    """The days the member companies have to pay a period are a rule of the IPM, set by its
    manager; the period's dates follow from its start and the rules in force then."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env["siamo.ipm.rule"].search([("company_id", "=", cls.ipm.id)])

    def _dates(self, period):
        return (period.date_start, period.date_end, period.date_due)

    def test_a_new_period_is_due_the_ipm_days_after_its_end(self):
        self.assertEqual(self.rule.contribution_due_days, 15)
        self.rule.with_user(self.manager).contribution_due_days = 10
        self.rule.with_user(self.manager).copy(
            {"date_from": "2027-01-01", "period": "quarterly", "contribution_due_days": 20}
        )
        periods = self.env[PERIOD].with_user(self.accountant)
        november = periods.create({"company_id": self.ipm.id, "date_start": "2026-11-01"})
        self.assertEqual(
            self._dates(november), (date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 10))
        )
        quarter = periods.create({"company_id": self.ipm.id, "date_start": "2027-01-01"})
        self.assertEqual(
            self._dates(quarter), (date(2027, 1, 1), date(2027, 3, 31), date(2027, 4, 20))
        )
        given = periods.create(
            {"company_id": self.ipm.id, "date_start": "2026-12-01", "date_due": "2027-01-05"}
        )
        self.assertEqual(given.date_end, date(2026, 12, 31))
        self.assertEqual(given.date_due, date(2027, 1, 5), "a due date given is kept")

    def test_the_form_fills_the_dates_from_any_day_of_the_month(self):
        self.rule.with_user(self.manager).contribution_due_days = 30
        form = Form(self.env[PERIOD].with_user(self.accountant).with_company(self.ipm))
        form.date_start = date(2026, 11, 17)
        self.assertEqual(
            (form.date_start, form.date_end, form.date_due),
            (date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 30)),
        )
        self.assertEqual(self._dates(form.save())[2], date(2026, 12, 30))

    def test_negative_days_are_refused_with_the_label_of_the_rule(self):
        with self.assertRaises(ValidationError) as refused:
            self.rule.with_user(self.manager).contribution_due_days = -1
        self.assertEqual(
            str(refused.exception),
            "Contributions Due (days after the period) cannot be negative.",
        )

    def test_only_the_manager_sets_the_days_and_the_clerk_opens_no_period(self):
        for user in (self.accountant, self.clerk, self.member_company_user):
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
            ):
                self.rule.with_user(user).contribution_due_days = 5
        self.assertEqual(self.rule.contribution_due_days, 15)
        with self.assertRaises(AccessError):
            self.env[PERIOD].with_user(self.clerk).create(
                {"company_id": self.ipm.id, "date_start": "2026-11-01"}
            )
