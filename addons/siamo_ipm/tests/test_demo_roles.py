from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .test_demo import _skip_without_demo


@tagged("post_install", "-at_install")
class TestDemoRoles(TransactionCase):
    """The demo people do their own work, and not each other's: IPM Dakar's accountant
    invoices its contributions, its clerk accepts a member company's request; the clerk, the
    manager of IPM Ciments du Cap and the member company's HR contact are refused."""

    def setUp(self):
        super().setUp()
        _skip_without_demo(self)
        users = self.env["res.users"]
        self.dakar = self.env.ref("siamo_ipm.ipm_dakar_demo")
        login = {
            user.login: user
            for user in users.search(
                [
                    (
                        "login",
                        "in",
                        [
                            "comptable@ipm-dakar.example.sn",
                            "agent@ipm-dakar.example.sn",
                            "medecin@ipm-dakar.example.sn",
                            "gestionnaire@ipm-ciments.example.sn",
                            "rh@sahel-logistique.example.sn",
                        ],
                    )
                ]
            )
        }
        self.accountant = login["comptable@ipm-dakar.example.sn"]
        self.clerk = login["agent@ipm-dakar.example.sn"]
        self.medical_officer = login["medecin@ipm-dakar.example.sn"]
        self.ciments_manager = login["gestionnaire@ipm-ciments.example.sn"]
        self.hr_contact = login["rh@sahel-logistique.example.sn"]

    def _new_period(self):
        participants = self.env["siamo.beneficiary"].search(
            [
                ("company_id", "=", self.dakar.id),
                ("relationship", "=", "participant"),
                ("membership_id.state", "=", "active"),
                ("left_on", "=", False),
            ],
            limit=2,
        )
        participants[0].salary = 300_000  # above the 250 000 FCFA ceiling
        participants[1].salary = 100_000
        period = self.env["siamo.contribution.period"].create(
            {
                "company_id": self.dakar.id,
                "date_start": "2027-01-01",
                "date_end": "2027-01-31",
                "date_due": "2027-02-15",
            }
        )
        return period, participants

    def test_the_accountant_invoices_dakars_contributions(self):
        period, (high, low) = self._new_period()
        period.with_user(self.accountant).action_compute()
        lines = period.line_ids.grouped("participant_id")
        # 7 % since 2025 at IPM Dakar, on at most 250 000 FCFA, half each
        self.assertEqual(
            (lines[high].base, lines[high].total, lines[high].employer_amount),
            (250_000, 17_500, 8_750),
        )
        self.assertEqual((lines[low].total, lines[low].worker_amount), (7_000, 3_500))
        period.with_user(self.accountant).action_invoice()
        invoices = period.move_ids
        self.assertEqual(period.state, "invoiced")
        self.assertEqual(invoices.company_id, self.dakar)
        self.assertEqual(invoices.journal_id.company_id, self.dakar)
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(sum(invoices.mapped("amount_total")), period.amount_total)
        self.assertEqual(invoices.partner_id, period.line_ids.membership_id.partner_id)

    def test_neither_the_clerk_nor_another_ipm_invoices(self):
        period, _participants = self._new_period()
        for user in (self.clerk, self.medical_officer, self.ciments_manager, self.hr_contact):
            with self.subTest(user=user.login), self.assertRaises(AccessError), self.cr.savepoint():
                period.with_user(user).action_compute()
        self.assertEqual((period.state, period.line_ids), ("draft", period.line_ids.browse()))

    def test_the_clerk_decides_what_the_member_company_asks(self):
        membership = self.env["siamo.membership"].search(
            [("partner_id", "=", self.hr_contact.partner_id.commercial_partner_id.id)], limit=1
        )
        participant = membership.participant_ids[:1]
        request = (
            self.env["siamo.member.request"]
            .sudo()
            ._submit(
                membership,
                "add",
                {
                    "name_to_add": "Bébé Démo",
                    "relationship": "child",
                    "participant_id": participant.id,
                    "birthdate": date(2026, 11, 1),
                },
            )
        )
        for user in (self.hr_contact, self.ciments_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError), self.cr.savepoint():
                request.with_user(user).action_accept()
        self.assertEqual(request.state, "submitted")
        request.with_user(self.clerk).action_accept()
        child = request.beneficiary_id
        self.assertEqual((child.name, child.participant_id), ("Bébé Démo", participant))
        self.assertEqual((child.company_id, request.decided_by_id), (self.dakar, self.clerk))
