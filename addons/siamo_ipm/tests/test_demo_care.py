from odoo.tests import TransactionCase, tagged


class DemoPeople:
    """The demo fund and the people who log in to it."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("siamo_ipm.ipm_dakar_demo", raise_if_not_found=False):
            self.skipTest("the database has no demo data")
        ref = self.env.ref
        self.dakar = ref("siamo_ipm.ipm_dakar_demo")
        self.clinic = ref("siamo_referentiel.provider_clinique_filaos_demo")
        self.manager = ref("siamo_ipm.user_ipm_manager_demo")
        self.officer = ref("siamo_ipm.user_ipm_medical_officer_demo")
        self.accountant = ref("siamo_ipm.user_ipm_accountant_demo")
        self.provider = ref("siamo_ipm.user_portal_provider_demo")
        self.participant = ref("siamo_ipm.user_portal_participant_demo")


@tagged("post_install", "-at_install")
class TestLivingCareDemo(DemoPeople, TransactionCase):
    """Whoever logs in to the demo sees the care pathway live, each from where he stands."""

    def test_the_manager_sees_validated_batches_billed_and_paid(self):
        batches = (
            self.env["siamo.settlement.batch"]
            .with_user(self.manager)
            .search([("state", "=", "validated")])
        )
        self.assertEqual(set(batches.mapped("payee")), {"provider", "participant"})
        clinic = batches.filtered(lambda batch: batch.provider_id == self.clinic)
        self.assertEqual(len(clinic), 1)
        self.assertEqual(clinic.fse_count, 5)
        self.assertEqual(set(clinic.fse_ids.mapped("state")), {"settled"})
        # the clinic is paid the IPM's share and the co-payments the IPM advanced
        self.assertEqual(clinic.move_id.state, "posted")
        self.assertEqual(clinic.move_id.amount_total, clinic.ipm_share + clinic.copayment_advanced)
        self.assertGreater(clinic.copayment_advanced, 0)
        self.assertTrue(all(batch.move_id.state == "posted" for batch in batches))
        order = self.env["siamo.payment.order"].with_user(self.manager).search([])
        self.assertEqual(order.state, "done")
        self.assertEqual(order.move_ids, batches.move_id)
        self.assertEqual(len(order.payment_ids), 2)
        self.assertEqual(order.amount, int(sum(batches.move_id.mapped("amount_total"))))
        for bill in batches.move_id:
            self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_the_accountant_sees_the_posted_co_payment_statement(self):
        statements = self.env["siamo.copayment.statement"].with_user(self.accountant).search([])
        self.assertEqual(len(statements), 1)
        self.assertEqual(statements.state, "posted")
        self.assertEqual(
            statements.partner_id, self.env.ref("siamo_referentiel.employer_sahel_logistique_demo")
        )
        self.assertEqual(statements.amount, sum(statements.fse_ids.mapped("copayment_advanced")))
        self.assertEqual(statements.move_id.state, "posted")
        self.assertEqual(statements.move_id.amount_total, statements.amount)

    def test_the_medical_officer_sees_authorizations_granted_and_refused(self):
        authorizations = self.env["siamo.care.authorization"].with_user(self.officer).search([])
        granted = authorizations.filtered(lambda a: a.state == "granted")
        refused = authorizations.filtered(lambda a: a.state == "refused")
        self.assertEqual(len(granted), 2)
        self.assertEqual(len(refused), 1)
        self.assertTrue(refused.requested_by_provider)
        self.assertIn("non justifiée", refused.refusal_reason)
        delivery = granted.filtered("requested_by_provider")
        self.assertEqual(delivery.fse_ids.state, "settled")
        self.assertEqual(delivery.amount_used, 60_000)

    def test_the_participant_sees_his_reimbursement(self):
        sheets = self.env["siamo.fse"].with_user(self.participant).search([])
        reimbursed = sheets.filtered(lambda sheet: sheet.payee == "participant")
        self.assertEqual(len(reimbursed), 1)
        self.assertEqual(reimbursed.state, "settled")
        self.assertEqual(reimbursed.amount_claimed, 8_950)
        self.assertEqual(reimbursed.ipm_share + reimbursed.copayment, reimbursed.amount_allowed)
        self.assertGreater(reimbursed.ipm_share, 0)
        # and the care the clinic gave his family
        self.assertEqual(len(sheets.filtered(lambda sheet: sheet.provider_id == self.clinic)), 3)

    def test_sheets_of_the_last_days_wait_for_their_settlement(self):
        waiting = (
            self.env["siamo.fse"]
            .with_user(self.manager)
            .search([("state", "=", "received"), ("settlement_batch_id", "=", False)])
        )
        self.assertIn("CLI-DK-014", waiting.provider_id.mapped("siamo_provider_code"))
        self.assertEqual(
            set(waiting.filtered(lambda s: s.provider_id == self.clinic).mapped("channel")),
            {"paper"},
        )
        self.assertTrue(all(sheet.line_ids for sheet in waiting))

    def test_the_medical_officer_reads_why_a_sheet_is_reviewed(self):
        sheets = self.env["siamo.fse"].with_user(self.officer).with_context(lang="fr_FR")
        sampled = sheets.new({"control_reasons": "CTRL-RANDOM CTRL-AMOUNT"})
        self.assertEqual(
            sampled.control_reason_labels,
            "Tirage aléatoire (CTRL-RANDOM); Montant élevé (CTRL-AMOUNT)",
        )
