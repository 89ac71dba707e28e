from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from siamo_core.icamo.returns import parse_return, return_problems

from .common_care import CARE_DATE, CareCase
from .test_settlement import SettlementData

MANAGER = "siamo_ipm.group_ipm_manager"
# the month of the worked example: the month of its care
MONTH = date.fromisoformat(CARE_DATE).replace(day=1)
MONTH_END = MONTH + relativedelta(months=1, days=-1)


class ReturnData(SettlementData):
    """IPM A's month: a member company in Dakar, two workers (one living in Thiès), a spouse
    and a child without a birth date; the month's contributions invoiced and half paid; the
    clinic's sheet settled, billed and paid at the month's end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.employer_a.siamo_region_id = ref("siamo_referentiel.region_dk")
        thies = cls.env["siamo.commune"].create(
            {
                "name": "Commune test",
                "code": "TST-THIES",
                "department_id": ref("siamo_referentiel.department_thies").id,
            }
        )

        def born(years):
            return MONTH_END - relativedelta(years=years)

        cls.participant_a.write({"gender": "male", "birthdate": born(40), "salary": 200_000})
        cls.spouse_a.write({"gender": "female", "birthdate": born(37)})
        cls.participant_a2.write(
            {
                "gender": "male",
                "birthdate": born(29),
                "salary": 100_000,
                "commune_id": thies.id,
            }
        )
        cls.child_a2 = cls._create_dependent(cls.participant_a2, "Awa Sans Date", "child")
        cls.child_a2.gender = "female"
        cls.env["siamo.ipm.rule"].create(
            {"company_id": cls.ipm_a.id, "date_from": "2020-01-01", "contribution_rate": 6}
        )
        cls.manager = cls._ipm_user("etat-gestionnaire", cls.ipm_a, MANAGER)
        cls.clerk = cls._ipm_user("etat-agent", cls.ipm_a)
        accountant = "siamo_ipm.group_ipm_accountant"
        cls.accountant = cls._ipm_user("etat-comptable", cls.ipm_a, accountant)

    def _book_the_month(self):
        """The month's contributions and care, in the books (set-up)."""
        period = self.env["siamo.contribution.period"].create(
            {
                "company_id": self.ipm_a.id,
                "date_start": MONTH,
                "date_end": MONTH_END,
                "date_due": MONTH_END,
            }
        )
        period.action_compute()
        period.action_invoice()
        self._pay_on(period.move_ids, MONTH_END, amount=9_000)
        batch = self._settle_and_validate(self._sheet("ETAT-1"))
        self._pay_on(batch.move_id, MONTH_END)
        return period, batch

    def _pay_on(self, moves, day, amount=None):
        values = {"payment_date": day}
        if amount:
            values["amount"] = amount
        self.env["account.payment.register"].with_company(self.ipm_a).with_context(
            active_model="account.move", active_ids=moves.ids
        ).create(values)._create_payments()

    def _configure(self, delivery, **values):
        """The manager says where the IPM's returns go."""
        settings = (
            self.env["siamo.ipm.return.settings"]
            .with_user(self.manager)
            .create({"delivery": delivery, **values})
        )
        settings.action_save()

    def _new_return(self, user=None):
        return (
            self.env["siamo.ipm.return"]
            .with_user(user or self.manager)
            .with_context(lang="fr_FR")
            .create({"company_id": self.ipm_a.id, "period": MONTH})
        )


@tagged("post_install", "-at_install", "siamo_ipm_alone")
class TestIpmReturnFigures(ReturnData, CareCase):
    """The return of a month, computed from the IPM's own books; only the manager makes it.
    Runs with siamo_ipm alone too."""

    def test_the_month_s_figures_come_from_the_books(self):
        self._book_the_month()
        statement = self._new_return()
        statement.action_compute()
        document = statement.document
        self.assertEqual(return_problems(document), [])
        self.assertEqual(parse_return(document).period, MONTH)
        self.assertEqual((document["ipm"], document["ipm_name"]), ("IPM-A", "IPM Test A"))
        self.assertEqual(document["members"], [{"region": "SN-DK", "companies": 1, "workers": 2}])
        self.assertEqual(
            document["beneficiaries"],
            [
                {
                    "region": "SN-DK",
                    "category": "participant",
                    "sex": "M",
                    "age_band": "35-44",
                    "count": 1,
                },
                {
                    "region": "SN-DK",
                    "category": "spouse",
                    "sex": "F",
                    "age_band": "35-44",
                    "count": 1,
                },
                {
                    "region": "SN-TH",
                    "category": "participant",
                    "sex": "M",
                    "age_band": "25-34",
                    "count": 1,
                },
            ],
        )
        # the child without a birth date cannot be placed: the manager is told
        self.assertEqual(statement.unplaced_count, 1)
        # 6 % of 200 000 and of 100 000; the employer paid half of its invoice
        self.assertEqual(
            document["contributions"],
            [
                {"region": "SN-DK", "called": 12_000, "collected": 6_000},
                {"region": "SN-TH", "called": 6_000, "collected": 3_000},
            ],
        )
        care = {row["act_class"]: row for row in document["care"]}
        self.assertEqual(
            care["consultation"],
            {
                "region": "SN-DK",
                "act_class": "consultation",
                "sheets": 1,
                "lines": 1,
                "lines_refused": 0,
                "claimed": 5_000,
                "settled": 4_000,
                "paid": 4_000,
            },
        )
        rest = [row for name, row in care.items() if name != "consultation"]
        self.assertEqual(
            [(row["lines"], row["lines_refused"], row["claimed"], row["settled"]) for row in rest],
            [(1, 1, 1_500, 0)],
        )
        self.assertEqual(
            document["refusals"], [{"reason": "LIQ-NOT-COVERED", "lines": 1, "amount": 1_500}]
        )
        # the bill of the care period's end, paid on the month's end
        delay = (MONTH_END - date.fromisoformat(CARE_DATE)).days
        self.assertEqual(document["payments"], {"count": 1, "delay_days": delay})
        finance = document["finance"]
        self.assertEqual((finance["income"], finance["expenses"]), (18_000, 4_000))
        self.assertEqual(finance["reserves"], 14_000)
        self.assertEqual(finance["cash"], 9_000 - 4_000)
        self.assertEqual(document["management_costs"], 0)
        self.assertEqual(
            (statement.workers, statement.contributions_called, statement.care_paid),
            (2, 18_000, 4_000),
        )
        self.assertEqual(statement.attachment_id.mimetype, "application/json")
        self.assertEqual(statement.version, 1)

    def test_a_month_counts_who_was_covered_at_its_end(self):
        """A company that resigned after the month is still in it, one that resigned by its
        end is not, nor its families; a worker covered from the next month is not yet."""
        membership = self.participant_a.membership_id
        # set-up: the membership's state and dates belong to the business methods
        membership.write({"state": "resigned", "date_resigned": MONTH_END + relativedelta(days=1)})

        def counts():
            statement = self._new_return()
            statement.action_compute()
            document = statement.document
            return (
                sum(row["workers"] for row in document["members"]),
                sum(row["count"] for row in document["beneficiaries"]),
            )

        self.assertEqual(counts(), (2, 3), "resigned after the month: still in it")
        self.participant_a2.first_contribution_month = MONTH + relativedelta(months=1)
        self.assertEqual(counts(), (1, 2), "the worker covered next month is not counted")
        membership.date_resigned = MONTH_END
        self.assertEqual(counts(), (0, 0), "gone by the month's end, with its families")

    def test_an_ipm_user_and_an_accountant_neither_compute_nor_send(self):
        for user in (self.clerk, self.accountant):
            with self.assertRaises(AccessError):
                self._new_return(user)
        statement = self._new_return()
        for user in (self.clerk, self.accountant):
            with self.assertRaises(AccessError):
                statement.with_user(user).action_send()
            with self.assertRaises(AccessError):
                self.env["siamo.ipm.return.settings"].with_user(user).create({"delivery": "local"})
        with self.assertRaises(AccessError):
            statement.with_user(self.manager).write({"state": "acknowledged"})

    def test_without_an_icamo_chosen_nothing_is_sent(self):
        statement = self._new_return()
        statement.action_compute()
        with self.assertRaises(UserError):
            statement.action_send()
        self.assertEqual(statement.state, "draft")

    def test_a_sent_return_is_corrected_by_a_new_version(self):
        self._configure("remote", url="http://127.0.0.1:9", api_key="cle")
        statement = self._new_return()
        statement.action_compute()
        with trap_jobs() as trap:
            statement.action_send()
            trap.assert_jobs_count(1, only=statement._deliver)
        self.assertEqual(statement.state, "sent")
        with self.assertRaises(UserError):
            statement.action_compute()
        with self.assertRaises(UserError):
            statement.with_context(siamo_protected_write=True).write({"period": "2020-01-01"})
        action = statement.action_correct()
        correction = statement.browse(action["res_id"])
        self.assertEqual((correction.version, correction.state), (2, "draft"))
        self.assertEqual(correction.period, statement.period)

    def test_the_monthly_run_queues_one_job_per_ipm_sending_its_returns(self):
        self._configure("local")
        returns = self.env["siamo.ipm.return"]
        with trap_jobs() as trap:
            returns._cron_send_last_month()
            returns._cron_send_last_month()
            trap.assert_jobs_count(1, only=returns._send_month)
