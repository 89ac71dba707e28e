from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

MANAGER = "gestionnaire@ipm-dakar.example.sn"
OFFICER = "medecin@ipm-dakar.example.sn"
ACCOUNTANT = "comptable@ipm-dakar.example.sn"


@tagged("post_install", "-at_install")
class TestMoneyPathTour(HttpCase):
    """In the demo fund, through the backend as each person works: the manager settles a
    provider's sheets, the medical officer reviews the sample, the manager validates the
    batch and pays it with a payment order, the accountant posts the deduction statement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.ipm = ref("siamo_ipm.ipm_dakar_demo")
        for login in (MANAGER, OFFICER, ACCOUNTANT):
            # the tour logs in with the login as password
            cls.env["res.users"].search([("login", "=", login)]).password = login
        cls.provider = cls.env["res.partner"].create(
            {
                "name": "Cabinet médical du parcours",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "clinic",
                "siamo_provider_code": "PS-PARCOURS",
            }
        )
        act = ref("siamo_referentiel.act_c_demo")
        cls.env["siamo.agreement"].create(
            {
                "name": "CONV-PARCOURS",
                "company_id": cls.ipm.id,
                "provider_id": cls.provider.id,
                "schedule_id": ref("siamo_referentiel.tariff_schedule_ipm").id,
                "date_start": "2020-01-01",
                "direct_payment": True,
                "advance_copayment": True,
                "state": "active",
                "price_ids": [Command.create({"act_id": act.id, "price": 5_000})],
            }
        )
        membership = ref("siamo_ipm.membership_sahel_logistique_demo")
        cls.employer = membership.partner_id
        cls.patient = cls.env["siamo.beneficiary"].create(
            {
                "name": "Aminata Parcours",
                "company_id": cls.ipm.id,
                "membership_id": membership.id,
                "relationship": "participant",
                "first_contribution_month": "2020-01-01",
            }
        )
        today = date.today()
        # above the agreed price: the medical control samples both
        cls.sheets = cls.env["siamo.fse"].create(
            [
                cls._sheet_values(act, today - timedelta(days=days), amount)
                for days, amount in ((2, 7_000), (1, 8_000))
            ]
        )

    @classmethod
    def _sheet_values(cls, act, care_date, amount):
        return {
            "company_id": cls.ipm.id,
            "provider_id": cls.provider.id,
            "beneficiary_id": cls.patient.id,
            "care_date": care_date,
            "amount_claimed": amount,
            "state": "received",
            "line_ids": [
                Command.create(
                    {
                        "sequence": 1,
                        "kind": "act",
                        "code": act.code,
                        "act_id": act.id,
                        "quantity": 1,
                        "unit_price": amount,
                        "amount": amount,
                    }
                )
            ],
        }

    def _balance(self, code):
        account = (
            self.env["account.account"]
            .with_company(self.ipm)
            .search([("company_ids", "in", self.ipm.id), ("code", "=", code)])
        )
        lines = self.env["account.move.line"].search(
            [
                ("account_id", "=", account.id),
                ("parent_state", "=", "posted"),
                ("partner_id", "=", self.provider.id),
            ]
        )
        return int(sum(lines.mapped("balance")))

    def test_the_money_path_through_the_backend(self):
        self.start_tour("/odoo", "siamo_money_settle", login=MANAGER)
        batch = self.sheets.settlement_batch_id
        self.assertEqual((len(batch), batch.state), (1, "settled"))
        self.assertEqual(set(self.sheets.mapped("control_state")), {"to_review"})

        self.start_tour("/odoo", "siamo_money_review", login=OFFICER)
        self.assertEqual(
            sorted(self.sheets.mapped("control_state")), ["accepted", "rejected"], "reviewed"
        )
        accepted = self.sheets.filtered(lambda sheet: sheet.control_state == "accepted")
        self.assertEqual((accepted.ipm_share, accepted.copayment_advanced), (4_000, 1_000))

        self.start_tour("/odoo", "siamo_money_validate_pay", login=MANAGER)
        self.assertEqual(batch.state, "validated")
        bill = batch.move_id
        self.assertEqual((bill.state, bill.amount_total), ("posted", 5_000))
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance("605701"), 4_000)
        self.assertEqual(self._balance("471110"), 1_000)

        self.start_tour("/odoo", "siamo_money_statement", login=ACCOUNTANT)
        statement = accepted.copayment_statement_id
        self.assertEqual(
            (statement.partner_id, statement.state, statement.move_id.amount_total),
            (self.employer, "posted", 1_000),
        )
