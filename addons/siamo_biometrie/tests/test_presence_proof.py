from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdentityCase


@tagged("post_install", "-at_install")
class TestPresenceProof(IdentityCase):
    """A care sheet carries the reference of an identity check as its proof of presence: the
    intake verifies it is of the same beneficiary and provider, confirmed, and at most 24
    hours older than the care; the settlement rejects a line whose class requires a proof
    when the sheet has none; the IPM lists the sheets without one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.users"].with_context(tz="Africa/Dakar"))
        cls.manager = cls._ipm_user(
            "bio_presence_manager", cls.ipm_a, "siamo_ipm.group_ipm_manager"
        )
        agreement = cls.env["siamo.agreement"].search([("provider_id", "=", cls.clinic.id)])
        cls.env["siamo.agreement.price"].create(
            {"agreement_id": agreement.id, "act_id": cls.consultation.id, "price": 5_000}
        )
        cls.rule = cls.env["siamo.ipm.rule"].create(
            {"company_id": cls.ipm_a.id, "date_from": "2020-01-01"}
        )

    def _sheet_with(self, sheet_id, reference, quantity=1, **changes):
        """A sheet of the clinic for participant A today; ``quantity`` boxes of medicine make
        each sheet other care than the others (the intake refuses the same care twice)."""
        lines = [
            {"kind": "act", "code": "TST-C", "quantity": 1, "unit_price": 5_000, "amount": 5_000},
            {
                "kind": "medicine",
                "code": "TST-MED",
                "quantity": quantity,
                "unit_price": 750,
                "amount": 750 * quantity,
            },
        ]
        values = {"care_date": self.today.isoformat(), **changes}
        if reference:
            values["presence_proof"] = {"kind": "identity_check", "reference": reference}
        return self._sheet(sheet_id, lines=lines, **values)

    def _receive(self, *documents):
        intake = self.env["siamo.fse.intake"].with_user(self.clinic_user)
        return intake._receive(self.clinic, list(documents), "api")

    def _codes(self, answer):
        return [reason["code"] for reason in answer.get("reasons", [])]

    def test_a_good_proof_is_kept_with_the_sheet(self):
        check = self._record(self.clinic_user, self.clinic, channel="api")
        [answer] = self._receive(self._sheet_with("PP-OK", check.name))
        self.assertEqual(answer["status"], "received", answer)
        sheet = self.env["siamo.fse"].browse(answer["id"])
        self.assertEqual(sheet.presence_check_id, check)
        self.assertEqual(check.fse_ids, sheet)
        self.assertEqual(sheet.presence_proof, f"identity_check {check.name}")
        # the provider reads its sheet's proof by its reference, not its beneficiary's file
        mine = sheet.with_user(self.clinic_user)
        self.assertEqual(mine.presence_check_id.display_name, check.name)
        with self.assertRaises(AccessError):
            sheet.with_user(self.manager).presence_check_id = False

    def test_a_proof_that_proves_nothing_is_refused_with_its_reason(self):
        spouse = self._record(
            self.clinic_user,
            self.clinic,
            beneficiary={"member_number": self.spouse_a.member_number},
            card=None,
            method="member_card_qr",
        )
        pharmacy = self._record(self.pharmacy_user, self.pharmacy)
        refused = self._record(self.clinic_user, self.clinic, result="refused", failure="pin_wrong")
        old = (
            self.env["siamo.identity.check"]
            .sudo()
            .create(
                {
                    "company_id": self.ipm_a.id,
                    "beneficiary_id": self.participant_a.id,
                    "provider_id": self.clinic.id,
                    "method": "card_pin",
                    "result": "confirmed",
                    "checked_at": fields.Datetime.now() - timedelta(days=3),
                }
            )
        )
        recent = self._record(self.clinic_user, self.clinic)
        two_days_ago = (self.today - timedelta(days=2)).isoformat()
        cases = [
            (spouse, "FSE-PRESENCE-MISMATCH"),
            (pharmacy, "FSE-PRESENCE-MISMATCH"),
            (refused, "FSE-PRESENCE-REFUSED"),
            (old, "FSE-PRESENCE-EXPIRED"),
            (recent, "FSE-PRESENCE-EXPIRED"),
            (None, "FSE-PRESENCE-UNKNOWN"),
        ]
        documents = [
            self._sheet_with(
                f"PP-{index}",
                check.name if check else "IDC-000000000000000000000000",
                quantity=index,
                # the recent check came after this care: it proves nothing of it
                **({"care_date": two_days_ago} if check == recent else {}),
            )
            for index, (check, _code) in enumerate(cases, start=1)
        ]
        answers = self._receive(*documents)
        for answer, (_check, code) in zip(answers, cases, strict=True):
            self.assertEqual((answer["status"], self._codes(answer)), ("rejected", [code]))
        stored = self.env["siamo.fse"].search([("provider_sheet_id", "like", "PP-%")])
        self.assertFalse(stored)

    def test_the_missing_proof_filter_follows_the_rules_in_force_on_each_care_date(self):
        yesterday = self.today - timedelta(days=1)
        rules = self.env["siamo.ipm.rule"].with_user(self.manager)
        # until yesterday, medicines needed a proof; from today, nothing does
        self.rule.with_user(self.manager).presence_act_class_ids = self.env.ref(
            "siamo_referentiel.act_class_medicine"
        )
        rules.create({"company_id": self.ipm_a.id, "date_from": self.today})
        old, new = self._receive(
            self._sheet_with("PP-YESTERDAY", None, care_date=yesterday.isoformat()),
            self._sheet_with("PP-TODAY", None, quantity=2),
        )
        sheets = self.env["siamo.fse"].with_user(self.manager)
        missing = sheets.search([("presence_missing", "=", True)])
        self.assertEqual(missing, sheets.browse(old["id"]))
        self.assertEqual(
            sheets.search([("presence_missing", "=", False), ("id", "in", [old["id"], new["id"]])]),
            sheets.browse(new["id"]),
        )
        self.assertEqual(
            sheets.browse([old["id"], new["id"]]).mapped("presence_missing"), [True, False]
        )

    def test_a_sheet_without_a_proof_is_received_and_its_line_rejected_at_settlement(self):
        self.rule.with_user(self.manager).presence_act_class_ids = self.consultation.act_class_id
        check = self._record(self.clinic_user, self.clinic)
        proven, bare = self._receive(
            self._sheet_with("PP-PROVEN", check.name), self._sheet_with("PP-BARE", None, quantity=2)
        )
        self.assertEqual((proven["status"], bare["status"]), ("received", "received"))
        sheets = self.env["siamo.fse"].with_user(self.manager)
        proven, bare = sheets.browse(proven["id"]), sheets.browse(bare["id"])
        self.assertEqual(sheets.search([("presence_missing", "=", True)]), bare)
        self.assertEqual((proven.presence_missing, bare.presence_missing), (False, True))
        batch = (
            self.env["siamo.settlement.batch"]
            .with_user(self.manager)
            .create(
                {
                    "company_id": self.ipm_a.id,
                    "provider_id": self.clinic.id,
                    "date_from": self.today - timedelta(days=1),
                    "date_to": self.today,
                }
            )
        )
        batch.action_settle()
        acts = (proven | bare).line_ids.filtered(lambda line: line.kind == "act")
        self.assertEqual(
            [
                (line.fse_id, line.settlement_status, line.reason_codes)
                for line in acts.sorted("id")
            ],
            [(proven, "accepted", False), (bare, "rejected", "LIQ-PRESENCE")],
        )
