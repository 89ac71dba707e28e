from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common_care import CARE_DATE, CareCase
from .test_settlement import SettlementData


class PaperData(SettlementData):
    """IPM A's clerk, who keys the sheets the providers mail on paper."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            login="paper_clerk",
            groups="siamo_ipm.group_ipm_user",
            company_id=cls.ipm_a.id,
            company_ids=[cls.ipm_a.id],
        )
        cls.manager = new_test_user(
            cls.env,
            login="paper_manager",
            groups="siamo_ipm.group_ipm_manager",
            company_id=cls.ipm_a.id,
            company_ids=[cls.ipm_a.id],
        )

    def _key(self, user=None, provider=None, care_date=CARE_DATE, lines=None, **values):
        """A sheet keyed in the backend form as ``user`` (the clerk), still a draft."""
        sheets = self.env["siamo.fse"].with_user(user or self.clerk).with_context(siamo_keying=True)
        form = Form(sheets)
        form.provider_id = provider or self.clinic
        form.beneficiary_id = self.participant_a
        form.care_date = care_date
        form.provider_sheet_id = values.get("provider_sheet_id", "PAPIER-1")
        for kind, item, quantity, unit_price in lines or [
            ("act", self.consultation, 1, 5_000),
            ("medicine", self.medicine, 2, 750),
        ]:
            with form.line_ids.new() as line:
                line.kind = kind
                setattr(line, f"{kind}_id", item)
                line.quantity = quantity
                line.unit_price = unit_price
        return form.save()


@tagged("post_install", "-at_install", "siamo_ipm_alone")
class TestPaperSheets(PaperData, CareCase):
    """Most sheets still come by mail: the IPM's staff key them, the IPM accepts them by the
    same checks as the sheets sent online, and they settle like any other. This class runs
    in a database with siamo_ipm alone too (`make test`), without the exchange platform."""

    def test_the_clerk_keys_and_registers_a_paper_sheet(self):
        sheet = self._key()
        self.assertEqual((sheet.state, sheet.channel), ("draft", "paper"))
        self.assertEqual(sheet.line_ids.mapped("amount"), [5_000, 1_500])
        self.assertEqual(sheet.line_ids.mapped("code"), ["TST-C", "TST-MED"])
        sheet.with_user(self.clerk).action_register_paper()
        self.assertEqual(sheet.state, "received")
        self.assertEqual(sheet.amount_claimed, 6_500)
        self.assertTrue(sheet.content_digest)

    def test_the_same_care_keyed_twice_is_refused_and_stays_a_draft(self):
        self._key().with_user(self.clerk).action_register_paper()
        again = self._key(provider_sheet_id="PAPIER-2")
        with self.assertRaises(UserError) as refused:
            again.with_user(self.clerk).with_context(lang="en_US").action_register_paper()
        self.assertIn("Sheet already received under another id", refused.exception.args[0])
        self.assertEqual(again.state, "draft")
        self.assertFalse(again.content_digest)

    def test_a_paper_sheet_duplicating_one_received_online_is_refused(self):
        self._receive(self._sheet("EN-LIGNE-1"))
        keyed = self._key()
        with self.assertRaises(UserError):
            keyed.with_user(self.clerk).action_register_paper()
        self.assertEqual(keyed.state, "draft")

    def test_care_in_the_future_or_without_agreement_is_refused_in_french(self):
        tomorrow = (date.today() + timedelta(days=2)).isoformat()
        future = self._key(care_date=tomorrow)
        with self.assertRaises(UserError) as refused:
            future.with_user(self.clerk).with_context(lang="en_US").action_register_paper()
        self.assertIn("Care date in the future", refused.exception.args[0])
        unbound = self._key(provider=self.unbound)
        with self.assertRaises(UserError) as refused:
            unbound.with_user(self.clerk).with_context(lang="en_US").action_register_paper()
        self.assertIn(
            "Provider without an agreement in force with the IPM", refused.exception.args[0]
        )
        self.assertEqual((future | unbound).mapped("state"), ["draft", "draft"])

    def test_a_registered_sheet_keeps_what_was_keyed(self):
        sheet = self._key()
        sheet.with_user(self.clerk).action_register_paper()
        with self.assertRaises(AccessError):
            sheet.with_user(self.clerk).care_date = CARE_DATE[:8] + "01"
        with self.assertRaises(AccessError):
            sheet.line_ids[0].with_user(self.clerk).amount = 1
        with self.assertRaises(UserError):
            sheet.line_ids[0].with_user(self.clerk).unlink()
        with self.assertRaises(UserError):
            sheet.with_user(self.clerk).action_register_paper()

    def test_the_draft_can_be_corrected_before_it_is_registered(self):
        sheet = self._key()
        sheet.with_user(self.clerk).write(
            {
                "line_ids": [
                    Command.update(sheet.line_ids[0].id, {"unit_price": 4_000, "amount": 4_000})
                ]
            }
        )
        sheet.line_ids[1].with_user(self.clerk).unlink()
        sheet.with_user(self.clerk).action_register_paper()
        self.assertEqual(sheet.amount_claimed, 4_000)

    def test_who_is_not_ipm_staff_keys_nothing(self):
        sheet = self._key()
        provider = self._provider_user("paper_provider", self.clinic)
        worker = self.env["res.partner"].create({"name": "Moussa Papier"})
        self.participant_a.partner_id = worker
        participant = self._portal_user(
            "paper_family", worker, self.ipm_a, "siamo_ipm.group_portal_participant"
        )
        for user in (provider, participant):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self._key(user=user)
                with self.assertRaises(AccessError):
                    sheet.with_user(user).action_register_paper()
        self.assertEqual(sheet.state, "draft")

    def test_paper_sheets_settle_and_bill_like_any_other(self):
        for number in (1, 2):
            self._key(
                provider_sheet_id=f"PAPIER-S{number}",
                lines=[("act", self.consultation, number, 5_000)],
            ).with_user(self.clerk).action_register_paper()
        batch = self._batch().with_user(self.manager)
        batch.action_settle()
        self._review_all(batch)
        batch.action_validate()
        self.assertEqual(batch.fse_count, 2)
        self.assertEqual(set(batch.fse_ids.mapped("state")), {"settled"})
        self.assertEqual(batch.move_id.state, "posted")
        self.assertEqual(batch.move_id.amount_total, batch.ipm_share + batch.copayment_advanced)
        self.assertGreater(batch.ipm_share, 0)
