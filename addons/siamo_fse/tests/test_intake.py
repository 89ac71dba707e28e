import copy
from datetime import date, timedelta

from odoo.tests import tagged

from siamo_core.fse import REASONS

from .common import CARE_DATE, FseCase

SCAN_LINE = {
    "kind": "act",
    "code": "TST-SCAN",
    "quantity": 1,
    "unit_price": 40_000,
    "amount": 40_000,
}


@tagged("post_install", "-at_install")
class TestIntake(FseCase):
    """Each sheet is checked before anything is written; the answer says why it is refused."""

    def _receive(self, *documents, provider=None):
        return self.env["siamo.fse.intake"]._receive(provider or self.clinic, list(documents))

    def _codes(self, answer):
        return [reason["code"] for reason in answer.get("reasons", [])]

    def _authorization(self, **values):
        return self.env["siamo.care.authorization"].create(
            {
                "company_id": self.ipm_a.id,
                "beneficiary_id": self.participant_a.id,
                "provider_id": self.clinic.id,
                "date_from": "2020-01-01",
                "date_to": "2099-12-31",
                "act_ids": [(6, 0, self.scan.ids)],
                "amount_cap": 100_000,
                **values,
            }
        )

    def test_a_good_sheet_is_stored_with_its_lines_and_routed_to_the_ipm(self):
        [answer] = self._receive(self._sheet())
        self.assertEqual(answer["status"], "received")
        sheet = self.env["siamo.fse"].browse(answer["id"])
        self.assertEqual((sheet.company_id, sheet.beneficiary_id), (self.ipm_a, self.participant_a))
        self.assertEqual(sheet.amount_claimed, 6_500)
        self.assertEqual(sheet.line_ids.mapped("code"), ["TST-C", "TST-MED"])
        self.assertEqual(sheet.line_ids.medicine_id, self.medicine)
        submission = sheet.submission_ids
        self.assertEqual((submission.sheet_id, submission.state), ("S-1", "received"))
        self.assertIn('"TST-MED"', submission.document)

    def test_every_reason_code_is_reachable(self):
        reached = set()

        def expect(code, *documents, provider=None):
            answers = self._receive(*documents, provider=provider)
            self.assertIn(code, self._codes(answers[-1]), answers[-1])
            reached.add(code)

        expect("FSE-SCHEMA", self._sheet("S-schema", total="6500"))
        bad_total = self._sheet("S-total", total=9_999)
        expect("FSE-TOTAL", bad_total)
        tampered = self._sheet("S-sig")
        tampered["lines"][0]["unit_price"], tampered["lines"][0]["amount"] = 50_000, 50_000
        tampered["total"] = 51_500
        expect("FSE-SIGNATURE", tampered)
        expect("FSE-PROVIDER-UNKNOWN", self._sheet("S-who", provider_code="PS-NOBODY"))
        expect("FSE-PROVIDER-NOT-SELF", self._sheet("S-not-self", provider_code="PS-PHARMA"))
        unbound = self._sheet("S-unbound", key=self.unbound_key, provider_code="PS-LIBRE")
        expect("FSE-NO-AGREEMENT", unbound, provider=self.unbound)
        expect(
            "FSE-BENEFICIARY-UNKNOWN", self._sheet("S-nobody", beneficiary={"nin": "2001199900001"})
        )
        expect("FSE-WRONG-IPM", self._sheet("S-ipm", ipm="IPM-B"))
        unknown_item = [
            {"kind": "act", "code": "NOPE", "quantity": 1, "unit_price": 1, "amount": 1}
        ]
        expect("FSE-ITEM-UNKNOWN", self._sheet("S-item", lines=unknown_item))
        tomorrow = (date.today() + timedelta(days=2)).isoformat()
        expect("FSE-CARE-DATE", self._sheet("S-future", care_date=tomorrow))
        self._receive(self._sheet("S-first"))
        expect("FSE-DUPLICATE", self._sheet("S-again"))
        expect("FSE-KEY-REUSED", self._sheet("S-first", care_date="2026-01-05"))
        expect("FSE-AUTH-MISSING", self._sheet("S-scan", lines=[SCAN_LINE]))
        expect(
            "FSE-AUTH-UNKNOWN", self._sheet("S-auth-1", lines=[SCAN_LINE], authorization="PECNOPE")
        )
        other = self._authorization(provider_id=self.pharmacy.id)
        expect(
            "FSE-AUTH-MISMATCH",
            self._sheet("S-auth-2", lines=[SCAN_LINE], authorization=other.name),
        )
        old = self._authorization(date_from="2020-01-01", date_to="2020-12-31")
        expect(
            "FSE-AUTH-EXPIRED", self._sheet("S-auth-3", lines=[SCAN_LINE], authorization=old.name)
        )
        consultation_only = self._authorization(act_ids=[(6, 0, self.consultation.ids)])
        expect(
            "FSE-AUTH-ITEM",
            self._sheet("S-auth-4", lines=[SCAN_LINE], authorization=consultation_only.name),
        )
        small = self._authorization(amount_cap=10_000)
        expect(
            "FSE-AUTH-AMOUNT", self._sheet("S-auth-5", lines=[SCAN_LINE], authorization=small.name)
        )
        # the proof of presence's codes are siamo_biometrie's (TestPresenceProof reaches them)
        presence = {code for code in REASONS if code.startswith("FSE-PRESENCE-")}
        self.assertEqual(len(presence), 4)
        self.assertEqual(reached, set(REASONS) - presence)

    def test_a_sheet_within_its_authorization_uses_it_up(self):
        authorization = self._authorization(amount_cap=60_000)
        [answer] = self._receive(
            self._sheet("S-ok", lines=[SCAN_LINE], authorization=authorization.name)
        )
        self.assertEqual(answer["status"], "received")
        self.assertEqual(authorization.amount_used, 40_000)
        second = dict(SCAN_LINE)
        [again] = self._receive(
            self._sheet(
                "S-ok-2", lines=[second], authorization=authorization.name, care_date="2026-01-02"
            )
        )
        self.assertEqual(self._codes(again), ["FSE-AUTH-AMOUNT"])

    def test_a_retry_returns_the_first_answer_and_stores_nothing_new(self):
        document = self._sheet("S-retry")
        [first] = self._receive(document)
        [again] = self._receive(copy.deepcopy(document))
        self.assertEqual(first, again)
        self.assertEqual(
            self.env["siamo.fse"].search_count([("provider_sheet_id", "=", "S-retry")]), 1
        )
        # a refusal is checked anew each time the sheet comes, and traced each time
        refused = self._sheet("S-refused", ipm="IPM-B")
        self.assertEqual(self._receive(refused), self._receive(refused))
        self.assertEqual(
            self.env["siamo.fse.submission"]
            .search([("sheet_id", "=", "S-refused")])
            .mapped("state"),
            ["rejected", "rejected"],
        )

    def test_a_bad_sheet_in_a_batch_does_not_stop_the_others(self):
        answers = self._receive(
            self._sheet("B-1"),
            self._sheet("B-2", ipm="IPM-B"),
            {"not": "a sheet"},
            self._sheet(
                "B-3", care_date=(date.fromisoformat(CARE_DATE) - timedelta(days=1)).isoformat()
            ),
            self._sheet("B-1"),
        )
        self.assertEqual(
            [answer["status"] for answer in answers],
            ["received", "rejected", "rejected", "received", "received"],
        )
        self.assertEqual(answers[4], answers[0])
        self.assertEqual(
            self.env["siamo.fse"].search_count([("provider_sheet_id", "like", "B-")]), 2
        )
