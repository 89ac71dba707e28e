import re
from datetime import date

from odoo import http
from odoo.addons.siamo_referentiel.tools.reason_labels import REASON_LABELS, reason_labels
from odoo.tests import tagged

from siamo_core.fse.reasons import REASONS as INTAKE_REASONS
from siamo_core.medical_control import REASONS as CONTROL_REASONS
from siamo_core.settlement import REASONS as SETTLEMENT_REASONS

from .common import CARE_DATE, FseHttpCase
from .test_settlement_portal import FseSettlementData

MORE_THAN_SHOWN = 203  # the portal lists the 200 newest; its totals count every record


def _shown_amount(page, css_class):
    """The amount (FCFA) shown in the element of ``css_class`` of ``page``."""
    match = re.search(rf'class="[^"]*{css_class}[^"]*">(.*?)FCFA', page, re.DOTALL)
    assert match, f"no {css_class} on the page"
    return int(re.sub(r"<[^>]+>|\D", "", match[1]))


@tagged("post_install", "-at_install")
class TestPortalMoney(FseSettlementData, FseHttpCase):
    """What the portal sums, reads and explains: totals over every record the user may read,
    amounts read strictly, reasons in the user's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.clinic_user = cls._provider_user("argent_clinique", cls.clinic)
        cls.pharmacy_user = cls._provider_user("argent_pharmacie", cls.pharmacy)
        cls.worker = cls.env["res.partner"].create({"name": "Moussa Famille"})
        cls.participant_a.partner_id = cls.worker
        cls.family_user = cls._portal_user(
            "argent_famille", cls.worker, cls.ipm_a, "siamo_ipm.group_portal_participant"
        )
        (cls.clinic_user | cls.family_user).lang = "fr_FR"

    def _filler_batches(self, count):
        """``count`` validated batches of the clinic, newer than any real one, with no bill."""
        today = date.today()
        return (
            self.env["siamo.settlement.batch"]
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "company_id": self.ipm_a.id,
                        "provider_id": self.clinic.id,
                        "date_from": today,
                        "date_to": today,
                        "state": "validated",
                    }
                    for _ in range(count)
                ]
            )
        )

    def _sheets(self, count, beneficiary, state, copayment):
        return (
            self.env["siamo.fse"]
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "company_id": beneficiary.company_id.id,
                        "provider_id": self.clinic.id,
                        "beneficiary_id": beneficiary.id,
                        "care_date": CARE_DATE,
                        "amount_claimed": 5_000,
                        "state": state,
                        "copayment": copayment,
                    }
                    for _ in range(count)
                ]
            )
        )

    # ------------------------------------------------------------------ totals

    def test_the_provider_is_owed_what_all_its_bills_still_owe(self):
        batch = self._settle_and_validate(self._sheet("T-1"), self._over_tariff("T-2"))
        self.assertEqual(batch.move_id.amount_residual, 8_000)
        # the real batch is the oldest of more than the page lists
        self._filler_batches(MORE_THAN_SHOWN - 1)
        self.authenticate("argent_clinique", "argent_clinique")
        page = self.url_open("/my/settlements").text
        self.assertEqual(_shown_amount(page, "o_siamo_owed"), 8_000)
        # another provider is owed nothing of it: the total is over what the user may read
        self.authenticate("argent_pharmacie", "argent_pharmacie")
        self.assertEqual(_shown_amount(self.url_open("/my/settlements").text, "o_siamo_owed"), 0)
        self._pay(batch.move_id)
        self.authenticate("argent_clinique", "argent_clinique")
        self.assertEqual(_shown_amount(self.url_open("/my/settlements").text, "o_siamo_owed"), 0)

    def test_the_family_totals_every_settled_sheet_and_counts_them(self):
        self._sheets(MORE_THAN_SHOWN - 1, self.participant_a, "settled", 100)
        self._sheets(1, self.spouse_a, "settled", 100)
        self._sheets(2, self.spouse_a, "received", 700)  # not settled: nothing to pay yet
        self._sheets(1, self.participant_b, "settled", 9_000)  # another family's
        self.authenticate("argent_famille", "argent_famille")
        page = self.url_open("/my/copayments").text
        self.assertEqual(_shown_amount(page, "o_siamo_copayment_total"), MORE_THAN_SHOWN * 100)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["siamo_copayment_count"]}
        )
        self.assertEqual(counters["siamo_copayment_count"], MORE_THAN_SHOWN)

    # ------------------------------------------------------------------ amounts typed

    def _ask_authorization(self, amount, reason):
        return self.url_open(
            "/my/authorizations/new",
            data={
                "beneficiary": self.participant_a.member_number,
                "items": "TST-SCAN",
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "amount": amount,
                "reason": reason,
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_an_amount_typed_with_a_dot_for_thousands_is_read_in_full(self):
        self.authenticate("argent_clinique", "argent_clinique")
        authorizations = self.env["siamo.care.authorization"]
        for typed, reason in (("250.000", "Point"), ("250\u202f000", "Espace fine")):
            self._ask_authorization(typed, reason)
            asked = authorizations.search([("reason", "=", reason)])
            self.assertEqual((asked.provider_id, asked.amount_cap), (self.clinic, 250_000))
        for typed in ("250,5", "250.5", "2 50 000", "-5"):
            page = self._ask_authorization(typed, f"Refus {typed}").text
            self.assertIn("o_siamo_form_error", page, typed)
            self.assertFalse(authorizations.search([("reason", "=", f"Refus {typed}")]), typed)

    # ------------------------------------------------------------------ reasons

    def test_the_provider_reads_why_a_line_was_reduced_in_french(self):
        batch = self._settle_and_validate(self._sheet("R-1"), self._over_tariff("R-2"))
        self.authenticate("argent_clinique", "argent_clinique")
        page = self.url_open(f"/my/settlements/{batch.id}").text
        self.assertIn("Montant réclamé supérieur au tarif (LIQ-OVER-TARIFF)", page)
        self.assertIn("Acte ou produit hors du panier de soins (LIQ-NOT-COVERED)", page)
        self.assertNotIn("<code>LIQ-", page)
        # the same in the back office, in the reader's language
        reduced = batch.fse_ids.line_ids.filtered(lambda line: line.reason_codes)
        french = reduced.with_context(lang="fr_FR").mapped("reason_labels")
        self.assertIn("Montant réclamé supérieur au tarif (LIQ-OVER-TARIFF)", french)
        english = reduced.with_context(lang="en_US").mapped("reason_labels")
        self.assertIn("Amount claimed above the tariff (LIQ-OVER-TARIFF)", english)
        sheet = batch.fse_ids.filtered(lambda fse: fse.provider_sheet_id == "R-2")
        self.assertIn(
            "Ligne au-dessus du tarif (CTRL-OVER-TARIFF)",
            sheet.with_context(lang="fr_FR").control_reason_labels,
        )

    def test_the_provider_reads_why_a_sheet_was_refused_in_french(self):
        unknown = [{"kind": "act", "code": "NOPE", "quantity": 1, "unit_price": 10, "amount": 10}]
        answers = self.env["siamo.fse.intake"]._receive(
            self.clinic, [self._sheet("B-1", lines=unknown)]
        )
        self.assertEqual(answers[0]["status"], "rejected", answers)
        self.authenticate("argent_clinique", "argent_clinique")
        page = self.url_open("/my/care-sheets?state=rejected").text
        self.assertIn("Acte ou médicament inconnu des référentiels (FSE-ITEM-UNKNOWN)", page)

    def test_every_reason_code_has_a_label_and_its_french(self):
        codes = {**SETTLEMENT_REASONS, **INTAKE_REASONS, **CONTROL_REASONS}
        self.assertEqual(set(REASON_LABELS), set(codes))
        french = self.env(context={"lang": "fr_FR"})
        for code, label in codes.items():
            # the French is the core's own wording of the code
            self.assertEqual(reason_labels(french, code), f"{label} ({code})")
        self.assertEqual(reason_labels(french, "LIQ-NEW XYZ"), "LIQ-NEW; XYZ")
