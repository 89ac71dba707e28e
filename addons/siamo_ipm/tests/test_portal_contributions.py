from datetime import date

from odoo.tests import new_test_user, tagged

from .test_contributions import ContributionsHttpCase


@tagged("post_install", "-at_install")
class TestPortalContributions(ContributionsHttpCase):
    """A member company sees what the books say it owes, and nothing of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period.action_compute()
        cls.period.action_invoice()
        cls.invoice = cls.period.move_ids.filtered(lambda move: move.partner_id == cls.employer)
        cls.other_invoice = cls.period.move_ids - cls.invoice
        contact = cls.env["res.partner"].create(
            {"name": "RH Cotisant", "parent_id": cls.employer.id}
        )
        new_test_user(
            cls.env,
            login="rh_cotisant",
            groups="siamo_ipm.group_portal_member_company",
            partner_id=contact.id,
            company_id=cls.ipm.id,
            company_ids=[cls.ipm.id],
        )
        cls.env["account.payment.register"].with_company(cls.ipm).with_context(
            active_model="account.move", active_ids=cls.invoice.ids
        ).create(
            {
                "payment_date": date(2026, 11, 20),
                "amount": 20_000,
                "payment_difference_handling": "open",
            }
        )._create_payments()
        # the daily recovery of this IPM, as its job runs it
        cls.env["siamo.contribution.followup"]._follow_up_ipm(cls.ipm, date(2026, 11, 30))

    def test_balance_invoices_payments_and_reminders_of_the_company(self):
        self.authenticate("rh_cotisant", "rh_cotisant")
        page = self.url_open("/my/contributions").text
        self.assertIn("16\u00a0000", page.replace("&nbsp;", "\u00a0"))
        self.assertIn(self.invoice.name, page)
        self.assertIn("20\u00a0000", page.replace("&nbsp;", "\u00a0"))
        self.assertIn(f"/my/contributions/{self.invoice.id}/annex/pdf", page)
        self.assertEqual(self.invoice.siamo_reminder_ids.amount_due, 16_000)
        self.assertEqual(page.count('class="o_siamo_reminder"'), 1)
        self.assertNotIn(self.other_invoice.name, page)
        self.assertIn("/my/contributions", self.url_open("/my/home").text)

    def test_the_annexes_of_the_company_and_not_of_another(self):
        self.authenticate("rh_cotisant", "rh_cotisant")
        pdf = self.url_open(f"/my/contributions/{self.invoice.id}/annex/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        sheet = self.url_open(f"/my/contributions/{self.invoice.id}/annex/xlsx")
        self.assertTrue(sheet.content.startswith(b"PK"))
        for url in (
            f"/my/contributions/{self.other_invoice.id}/annex/pdf",
            f"/my/contributions/{self.invoice.id}/annex/exe",
            "/my/contributions/999999/annex/pdf",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
