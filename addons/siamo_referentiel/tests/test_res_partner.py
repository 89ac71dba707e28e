from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestResPartnerIdentifiers(TransactionCase):
    def test_ninea_is_stored_in_canonical_form(self):
        partner = self.env["res.partner"].create(
            {"name": "Société Test", "is_company": True, "siamo_ninea": "306 7221 2G2"}
        )
        self.assertEqual(partner.siamo_ninea, "30672212G2")
        self.assertFalse(partner.siamo_ninea_warning)
        self.assertEqual(
            self.env["res.partner"].search([("siamo_ninea", "=", "30672212G2")]), partner
        )

    def test_bad_ninea_is_refused_in_the_users_language(self):
        with self.assertRaisesRegex(ValidationError, "NINEA “3067222” is not valid"):
            self.env["res.partner"].create({"name": "Mauvais", "siamo_ninea": "3067222"})

    def test_bad_ninea_refused_on_write(self):
        partner = self.env["res.partner"].create({"name": "Société Test"})
        with self.assertRaises(ValidationError):
            partner.write({"siamo_ninea": "12345678"})
        self.assertFalse(partner.siamo_ninea)

    def test_legacy_ninea_is_kept_with_a_warning(self):
        partner = self.env["res.partner"].create({"name": "Ancienne", "siamo_ninea": "0123456789"})
        self.assertEqual(partner.siamo_ninea, "0123456789")
        self.assertIn("the old 10-digit form", partner.siamo_ninea_warning)
        self.env["res.lang"]._activate_lang("fr_FR")
        french = partner.with_context(lang="fr_FR")
        self.assertIn("a l'ancienne forme à 10 chiffres", french.siamo_ninea_warning)

    def test_rccm_normalised_and_checked(self):
        partner = self.env["res.partner"].create(
            {"name": "Société RCCM", "siamo_rccm": "sn dkr 2015 b 14769"}
        )
        self.assertEqual(partner.siamo_rccm, "SN-DKR-2015-B-14769")
        with self.assertRaisesRegex(ValidationError, "RCCM"):
            partner.write({"siamo_rccm": "DKR-2015-14769"})

    def test_provider_needs_a_kind(self):
        with self.assertRaisesRegex(ValidationError, "kind|type"):
            self.env["res.partner"].create(
                {"name": "Clinique sans type", "is_company": True, "siamo_is_provider": True}
            )
