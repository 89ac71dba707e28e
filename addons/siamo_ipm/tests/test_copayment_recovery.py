import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from siamo_core.spreadsheet import read_table

from .common_care import CARE_DATE, CareCase, CareHttpCase
from .test_settlement import SettlementData


class AdvanceData(SettlementData):
    """The clinic's agreement makes the IPM pay the full amount, co-payment included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.env["siamo.agreement"].search([("provider_id", "=", cls.clinic.id)])
        cls.agreement.write({"direct_payment": True, "advance_copayment": True})
        cls.statements = cls.env["siamo.copayment.statement"]

    def _balance(self, account, partner=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        lines = self.env["account.move.line"].search(domain)
        return int(sum(lines.mapped("balance")))

    @staticmethod
    def _account_of(move, account_type):
        return move.line_ids.filtered(lambda line: line.account_type == account_type).account_id

    def _statement_of_the_month(self):
        self._settle_and_validate(self._sheet("C-1"))
        statement = self.statements._prepare(self.ipm_a, date.fromisoformat(CARE_DATE))
        statement.action_post()
        return statement


@tagged("post_install", "-at_install")
class TestCopaymentRecovery(AdvanceData, CareCase):
    def test_the_advanced_co_payment_is_recovered_through_the_employer_to_the_franc(self):
        good, dear = self._receive(self._sheet("A-1"), self._over_tariff("A-2"))
        batch = self._batch()
        batch.action_settle()
        self.assertEqual((good.copayment, good.copayment_advanced), (1_000, 1_000))
        dear.control_note = "Acte non justifié"
        dear.action_control_reject()
        self.assertEqual(dear.copayment_advanced, 0)
        self._review_all(batch)
        batch.action_validate()
        bill = batch.move_id
        self.assertEqual(batch.action_view_bill()["res_id"], bill.id)
        # the provider is paid the full allowed amount: the IPM's share and the co-payment
        self.assertEqual(bill.amount_total, 5_000)
        copayments = self.ipm_a._siamo_copayment_account()
        self.assertEqual(copayments.with_company(self.ipm_a).code, "471110")
        self.assertEqual(self._balance(copayments), 1_000)
        payable = self._account_of(bill, "liability_payable")
        self.assertEqual(self._balance(payable, self.clinic), -5_000)
        self._pay(bill)
        self.assertEqual(self._balance(payable, self.clinic), 0)

        statement = self.statements._prepare(self.ipm_a, date.fromisoformat(CARE_DATE))
        self.assertEqual(statement.partner_id, self.employer_a)
        self.assertEqual((statement.amount, statement.participant_count), (1_000, 1))
        self.assertEqual(good.copayment_statement_id, statement)
        self.assertFalse(self.statements._prepare(self.ipm_a, date.fromisoformat(CARE_DATE)))
        statement.action_post()
        invoice = statement.move_id
        self.assertEqual(statement.action_view_invoice()["res_id"], invoice.id)
        self.assertEqual(
            (invoice.move_type, invoice.state, invoice.partner_id, invoice.amount_total),
            ("out_invoice", "posted", self.employer_a, 1_000),
        )
        self.assertEqual(self._balance(copayments), 0)
        receivable = self._account_of(invoice, "asset_receivable")
        self.assertEqual(self._balance(receivable, self.employer_a), 1_000)
        with self.assertRaises(UserError):
            statement.action_post()
        self._pay(invoice)
        self.assertIn(statement.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance(receivable, self.employer_a), 0)

    def test_the_statement_lists_what_to_withhold_from_each_worker(self):
        statement = self._statement_of_the_month()
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", statement.move_id.id)]
        )
        self.assertEqual(len(attachments), 2)
        xlsx = attachments.filtered(lambda attachment: attachment.name.endswith(".xlsx"))
        table = read_table(xlsx.name, base64.b64decode(xlsx.datas))
        worker, total = (row for _line, row in table.rows)
        self.assertEqual(worker[:2], [self.participant_a.member_number, "Moussa Test"])
        self.assertEqual((worker[-1], total[-1]), (1_000, 1_000))
        pdf = attachments.filtered(lambda attachment: attachment.name.endswith(".pdf"))
        self.assertTrue(pdf.raw.startswith(b"%PDF"))

    def test_without_the_advance_the_provider_is_paid_the_ipm_share_only(self):
        self.agreement.advance_copayment = False
        batch = self._settle_and_validate(self._sheet("N-1"))
        self.assertEqual(batch.move_id.amount_total, 4_000)
        self.assertFalse(batch.fse_ids.copayment_advanced)
        self.assertFalse(self.statements._prepare(self.ipm_a, date.fromisoformat(CARE_DATE)))


class ReimbursementData(SettlementData):
    def _claim(self, receipts=True, amount=6_000, beneficiary=None):
        form = Form(self.env["siamo.reimbursement"].with_company(self.ipm_a))
        form.beneficiary_id = beneficiary or self.spouse_a
        form.provider_id = self.clinic
        form.care_date = date.fromisoformat(CARE_DATE)
        with form.line_ids.new() as line:
            line.act_id = self.consultation
            line.amount = amount
        claim = form.save()
        if receipts:
            claim.receipt_ids = self.env["ir.attachment"].create(
                {"name": "recu.pdf", "raw": b"%PDF-1.4 recu"}
            )
        return claim


@tagged("post_install", "-at_install")
class TestReimbursement(ReimbursementData, CareCase):
    """A participant who paid the provider himself is reimbursed the IPM's share."""

    def test_the_participant_is_reimbursed_the_share_of_what_he_paid(self):
        action = self._claim().action_record_and_settle()
        batch = self.env["siamo.settlement.batch"].browse(action["res_id"])
        sheet = batch.fse_ids
        self.assertEqual((batch.payee, batch.participant_id), ("participant", self.participant_a))
        self.assertEqual((sheet.payee, sheet.beneficiary_id), ("participant", self.spouse_a))
        self.assertEqual(sheet.receipt_ids.res_id, sheet.id)
        self.assertEqual(sheet.line_ids.reason_codes, "LIQ-OVER-TARIFF")
        self.assertEqual((sheet.amount_allowed, sheet.ipm_share), (5_000, 4_000))
        self._review_all(batch)
        batch.action_validate()
        bill = batch.move_id
        self.assertEqual(bill.partner_id, self.participant_a.partner_id)
        self.assertEqual(bill.amount_total, 4_000)
        self._pay(bill)
        self.assertIn(batch.payment_state, ("paid", "in_payment"))
        # the clinic's own batch does not take the sheet the participant paid for
        clinic_batch = self._batch()
        clinic_batch.action_settle()
        self.assertNotIn(sheet, clinic_batch.fse_ids)
        # nor does the clinic read what the IPM reimbursed its patient
        clinic = self._provider_user("accueil-remboursement", self.clinic)
        self.assertFalse(self.env["siamo.fse"].with_user(clinic).search([("id", "=", sheet.id)]))
        self.assertFalse(
            self.env["siamo.settlement.line"]
            .with_user(clinic)
            .search([("fse_line_id", "in", sheet.line_ids.ids)])
        )

    def test_no_claim_without_receipts_and_nothing_half_written(self):
        claim = self._claim(receipts=False)
        sheets = self.env["siamo.fse"].search_count([])
        with self.assertRaises(UserError):
            claim.action_record_and_settle()
        self.assertEqual(self.env["siamo.fse"].search_count([]), sheets)

    def test_care_the_provider_also_billed_is_not_paid_twice(self):
        self._settle_and_validate(self._sheet("R-1"))
        claim = self._claim(amount=5_000, beneficiary=self.participant_a)
        action = claim.action_record_and_settle()
        sheet = self.env["siamo.settlement.batch"].browse(action["res_id"]).fse_ids
        self.assertEqual(sheet.line_ids.reason_codes, "LIQ-DUPLICATE")
        self.assertEqual(sheet.ipm_share, 0)


@tagged("post_install", "-at_install")
class TestCopaymentPortal(AdvanceData, CareHttpCase):
    def test_the_company_and_the_worker_read_the_deduction(self):
        statement = self._statement_of_the_month()
        self._portal_user(
            "entreprise_a", self.employer_a, self.ipm_a, "siamo_ipm.group_portal_member_company"
        )
        self.authenticate("entreprise_a", "entreprise_a")
        page = self.url_open("/my/contributions").text
        self.assertIn(statement.move_id.name, page)
        annex = self.url_open(f"/my/contributions/{statement.move_id.id}/annex/xlsx")
        self.assertEqual(annex.status_code, 200)
        worker = self.env["res.partner"].create({"name": "Moussa Famille"})
        self.participant_a.partner_id = worker
        self._portal_user("famille_a", worker, self.ipm_a, "siamo_ipm.group_portal_participant")
        self.authenticate("famille_a", "famille_a")
        page = self.url_open("/my/copayments").text
        self.assertIn(statement.month.strftime("%m/%Y"), page)
