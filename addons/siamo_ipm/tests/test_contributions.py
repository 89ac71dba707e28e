from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged


class ContributionsData:
    """An IPM on SYSCOHADA, two member companies and their workers, one open period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ipm = cls.env["res.company"].create(
            {
                "name": "IPM Cotisations",
                "country_id": cls.env.ref("base.sn").id,
                "currency_id": cls.env.ref("base.XOF").id,
                "siamo_role": "ipm",
                "siamo_ipm_kind": "inter",
                "siamo_accounting_regime": "syscohada",
            }
        )
        cls.env["siamo.ipm.rule"].create(
            {"company_id": cls.ipm.id, "date_from": "2020-01-01", "contribution_rate": 6}
        )
        cls.other_ipm = cls.env["res.company"].create(
            {"name": "IPM Voisine", "siamo_role": "ipm", "siamo_ipm_kind": "inter"}
        )

        def user(login, group, ipm=cls.ipm):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"siamo_ipm.{group}",
                company_id=ipm.id,
                company_ids=[ipm.id],
            )

        cls.accountant = user("cotis_comptable", "group_ipm_accountant")
        cls.clerk = user("cotis_agent", "group_ipm_user")
        cls.medical_officer = user("cotis_medecin", "group_ipm_medical_officer")
        cls.manager = user("cotis_gestionnaire", "group_ipm_manager")
        cls.other_manager = user("cotis_gestionnaire_voisin", "group_ipm_manager", cls.other_ipm)
        partner = cls.env["res.partner"]
        cls.employer = partner.create(
            {"name": "Employeur Cotisant", "is_company": True, "email": "rh@cotisant.example.sn"}
        )
        cls.other_employer = partner.create({"name": "Autre Employeur", "is_company": True})
        cls.member_company_user = new_test_user(
            cls.env,
            login="cotis_rh",
            groups="siamo_ipm.group_portal_member_company",
            partner_id=partner.create({"name": "RH Cotisant", "parent_id": cls.employer.id}).id,
            company_id=cls.ipm.id,
            company_ids=[cls.ipm.id],
        )
        membership = cls.env["siamo.membership"]
        cls.membership = membership.create(
            {"company_id": cls.ipm.id, "partner_id": cls.employer.id, "state": "active"}
        )
        cls.other = membership.create(
            {"company_id": cls.ipm.id, "partner_id": cls.other_employer.id, "state": "active"}
        )
        cls.resigned = membership.create(
            {
                "company_id": cls.ipm.id,
                "state": "resigned",
                "partner_id": partner.create({"name": "Partie", "is_company": True}).id,
            }
        )

        def participant(membership, name, salary, **values):
            return cls.env["siamo.beneficiary"].create(
                {
                    "name": name,
                    "company_id": cls.ipm.id,
                    "membership_id": membership.id,
                    "salary": salary,
                    **values,
                }
            )

        cls.below = participant(cls.membership, "Sous le plafond", 100_000)
        cls.at = participant(cls.membership, "Au plafond", 250_000)
        cls.above = participant(cls.membership, "Au-dessus", 600_000)
        cls.gone = participant(cls.membership, "Parti", 200_000, left_on="2026-09-30")
        cls.elsewhere = participant(cls.other, "Ailleurs", 150_001)
        participant(cls.resigned, "Démissionnaire", 200_000)
        cls.period = cls.env["siamo.contribution.period"].create(
            {
                "company_id": cls.ipm.id,
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
                "date_due": "2026-11-15",
            }
        )


class ContributionsCase(ContributionsData, TransactionCase):
    pass


class ContributionsHttpCase(ContributionsData, HttpCase):
    pass


@tagged("post_install", "-at_install")
class TestContributions(ContributionsCase):
    def _line(self, participant):
        return self.period.line_ids.filtered(lambda line: line.participant_id == participant)

    def test_contribution_below_at_and_above_the_ceiling(self):
        self.period.with_user(self.accountant).action_compute()
        self.assertEqual(self.period.state, "computed")
        self.assertEqual(
            self.period.line_ids.participant_id, self.below | self.at | self.above | self.elsewhere
        )
        self.assertEqual(
            (self._line(self.below).base, self._line(self.below).total), (100_000, 6_000)
        )
        self.assertEqual((self._line(self.at).base, self._line(self.at).total), (250_000, 15_000))
        self.assertEqual(
            (self._line(self.above).base, self._line(self.above).total), (250_000, 15_000)
        )
        below = self._line(self.below)
        self.assertEqual((below.employer_id, below.company_id), (self.employer, self.ipm))
        self.assertEqual(self._line(self.elsewhere).employer_id, self.other_employer)
        odd = self._line(self.elsewhere)
        self.assertEqual((odd.total, odd.employer_amount, odd.worker_amount), (9_000, 4_500, 4_500))
        self.assertEqual(self.period.amount_total, 45_000)
        self.assertEqual(self.period.amount_employer + self.period.amount_worker, 45_000)

    def test_invoices_in_the_books_with_their_annexes(self):
        period = self.period.with_user(self.accountant)
        period.action_compute()
        period.action_invoice()
        self.assertEqual(self.period.state, "invoiced")
        moves = self.period.move_ids
        self.assertEqual(moves.partner_id, self.employer | self.other_employer)
        invoice = moves.filtered(lambda move: move.partner_id == self.employer)
        self.assertEqual((invoice.state, invoice.move_type), ("posted", "out_invoice"))
        self.assertEqual((invoice.company_id, invoice.journal_id.company_id), (self.ipm, self.ipm))
        self.assertEqual(invoice.invoice_user_id, self.accountant)
        self.assertEqual(invoice.amount_total, 36_000)
        self.assertEqual(invoice.currency_id.name, "XOF")
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(
            receivable.account_id,
            self.employer.with_company(self.ipm).property_account_receivable_id,
        )
        self.assertTrue(receivable.account_id.with_company(self.ipm).code.startswith("411"))
        self.assertEqual(receivable.debit, 36_000)
        income = invoice.invoice_line_ids
        self.assertEqual(income.account_id.with_company(self.ipm).code, "706110")
        self.assertEqual(income.credit, 36_000)
        self.assertEqual(len(invoice.siamo_contribution_line_ids), 3)
        annexes = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", invoice.id)]
        )
        self.assertEqual(sorted(annexes.mapped("mimetype"))[0], "application/pdf")
        self.assertEqual(len(annexes), 2)
        self.assertEqual(self.employer.with_company(self.ipm).credit, 36_000)

    def test_an_invoiced_period_is_not_computed_again(self):
        period = self.period.with_user(self.accountant)
        period.action_compute()
        period.action_invoice()
        with self.assertRaises(UserError):
            period.action_compute()
        with self.assertRaises(UserError):
            period.action_invoice()

    def test_the_manager_computes_and_invoices_too(self):
        period = self.period.with_user(self.manager)
        period.action_compute()
        self.assertEqual((period.state, period.amount_total), ("computed", 45_000))
        period.action_invoice()
        self.assertEqual(period.state, "invoiced")
        self.assertEqual(sorted(period.move_ids.mapped("amount_total")), [9_000, 36_000])
        self.assertEqual(set(period.move_ids.mapped("state")), {"posted"})

    def test_who_must_not_compute_nor_invoice_changes_nothing(self):
        """The clerk and the medical officer read the period, another IPM's manager and the
        member company do not even see it: none of them computes or invoices it."""
        outsiders = (self.clerk, self.medical_officer, self.other_manager, self.member_company_user)
        for user in outsiders:
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
            ):
                self.period.with_user(user).action_compute()
        self.assertEqual(self.period.state, "draft")
        self.assertFalse(self.period.line_ids)
        self.period.with_user(self.accountant).action_compute()
        for user in outsiders:
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
            ):
                self.period.with_user(user).action_invoice()
        self.assertEqual(self.period.state, "computed")
        self.assertFalse(self.period.move_ids)
        self.assertFalse(
            self.env["account.move"].search_count(
                [("company_id", "=", self.ipm.id), ("move_type", "=", "out_invoice")]
            )
        )
