import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestFrenchTranslations(TransactionCase):
    """Every term Odoo exports for a SIAMO addon has its French translation in i18n/fr.po."""

    def _exported_terms(self, addon):
        reader = TranslationModuleReader(self.env.cr, modules=[addon])
        return {row[4] for row in reader if row[0] == addon and row[4]}

    def test_every_installed_siamo_addon_is_translated(self):
        addons = self.env["ir.module.module"].search(
            [("name", "=like", "siamo\\_%"), ("state", "=", "installed")]
        )
        self.assertIn("siamo_referentiel", addons.mapped("name"))
        for addon in addons.mapped("name"):
            path = f"{get_module_path(addon)}/i18n/fr.po"
            catalog = polib.pofile(path)
            translated = {entry.msgid for entry in catalog if entry.msgstr}
            missing = sorted(self._exported_terms(addon) - translated)
            self.assertFalse(missing, f"{addon}/i18n/fr.po lacks: {missing}")

    def test_menus_read_in_french(self):
        if not self.env["res.lang"]._lang_get("fr_FR").active:
            self.skipTest("fr_FR is not loaded in this database")
        expected = {
            "siamo_referentiel.siamo_referentiel_menu_root": "Référentiels",
            "siamo_referentiel.res_partner_provider_menu": "Prestataires de soins",
        }
        for xmlid, label in expected.items():
            self.assertEqual(self.env.ref(xmlid).with_context(lang="fr_FR").name, label)
