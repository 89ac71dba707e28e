from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, tagged


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
        partner = cls.env["res.partner"]
        cls.employer = partner.create({"name": "Employeur Cotisant", "is_company": True})
        cls.other_employer = partner.create({"name": "Autre Employeur", "is_company": True})
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
        self.period.action_compute()
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
        self.period.action_compute()
        self.period.action_invoice()
        self.assertEqual(self.period.state, "invoiced")
        moves = self.period.move_ids
        self.assertEqual(moves.partner_id, self.employer | self.other_employer)
        invoice = moves.filtered(lambda move: move.partner_id == self.employer)
        self.assertEqual((invoice.state, invoice.move_type), ("posted", "out_invoice"))
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
        self.period.action_compute()
        self.period.action_invoice()
        with self.assertRaises(UserError):
            self.period.action_compute()
        with self.assertRaises(UserError):
            self.period.action_invoice()
