import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.translate import TranslationModuleReader

from siamo_core.exceptions import SiamoError
from siamo_core.settlement import REASONS

from ..tools.core_errors import CORE_MESSAGES, core_error_message
from ..tools.reason_labels import REASON_LABELS, reason_label
from .common import SiamoReferentialCase

MEDICINES = (
    ["code", "nom_commercial", "dci", "prix_public", "generique"],
    ["ERR-1", "Doliprane", "Paracétamol", "850", "oui"],
    ["ERR-2", "Amoxil", "Amoxicilline", "douze", "non"],
    ["ERR-1", "Doublon", "", "900", "non"],
)


@tagged("post_install", "-at_install")
class TestCoreErrorMessages(SiamoReferentialCase):
    """The import error reports and the refusals of siamo_core in the user's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        french_loaded = cls.env["res.lang"]._get_data(code="fr_FR").active
        for code in ("fr_FR", "en_US"):
            cls.env["res.lang"]._activate_lang(code)
        if not french_loaded:  # the benefits' names in French
            module = cls.env["ir.module.module"].search([("name", "=", "siamo_referentiel")])
            module._update_translations(["fr_FR"])
        group = "siamo_referentiel.group_referential_manager"
        cls.manager_fr = new_test_user(cls.env, "errors_referential_fr", group, lang="fr_FR")
        cls.manager_en = new_test_user(cls.env, "errors_referential_en", group, lang="en_US")
        cls.employee = new_test_user(cls.env, "errors_employee", "base.group_user")

    def _preview(self, user):
        wizard = (
            self.env["siamo.referential.import"]
            .with_user(user)
            .with_context(lang=user.lang)
            .create({"referential": "medicines", "file": self._csv(*MEDICINES)})
        )
        wizard.filename = "medicaments.csv"
        wizard.action_preview()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.error_report)))
        return wizard, list(book.active.iter_rows(values_only=True))

    def test_the_error_report_reads_in_french_for_a_french_manager(self):
        wizard, rows = self._preview(self.manager_fr)
        self.assertEqual(list(rows[0]), ["Ligne", "Colonne", "Valeur", "Motif"])
        self.assertEqual(
            [list(row) for row in rows[1:]],
            [
                [3, "prix_public", "douze", "« douze » n'est pas un montant."],
                [4, "code", "ERR-1", "« ERR-1 » figure déjà à la ligne 2."],
            ],
        )
        self.assertIn("« ERR-1 » figure déjà à la ligne 2.", wizard.report_html)
        self.assertIn("<th>Motif</th>", wizard.report_html)

    def test_the_error_report_reads_in_english_for_an_english_manager(self):
        wizard, rows = self._preview(self.manager_en)
        self.assertEqual(list(rows[0]), ["Row", "Column", "Value", "Reason"])
        self.assertEqual(rows[1][3], "“douze” is not an amount.")
        self.assertEqual(rows[2][3], "“ERR-1” is already on row 2.")
        self.assertIn("“ERR-1” is already on row 2.", wizard.report_html)

    def test_an_unreadable_file_is_refused_in_french(self):
        wizard = (
            self.env["siamo.referential.import"]
            .with_user(self.manager_fr)
            .with_context(lang="fr_FR")
            .create({"referential": "medicines", "file": self._csv(*MEDICINES)})
        )
        wizard.filename = "liste.pdf"
        with self.assertRaises(UserError) as refused:
            wizard.action_preview()
        self.assertEqual(
            refused.exception.args[0],
            "« liste.pdf » n'est pas un fichier .xlsx, .xls ou .csv : impossible de le lire.",
        )

    def test_an_employee_cannot_import_a_referential(self):
        with self.assertRaises(AccessError):
            self.env["siamo.referential.import"].with_user(self.employee).create(
                {"referential": "medicines", "file": self._csv(*MEDICINES)}
            )

    def test_odoo_exports_every_core_message_for_translation(self):
        reader = TranslationModuleReader(self.env.cr, modules=["siamo_referentiel"])
        python_terms = {
            row[4] for row in reader if row[0] == "siamo_referentiel" and "odoo-python" in row[6]
        }
        sources = {code: term._source for code, term in CORE_MESSAGES.items()}
        self.assertEqual(
            {code for code, source in sources.items() if source not in python_terms}, set()
        )

    def test_reason_labels_in_the_users_language(self):
        french, english = self.env(context={"lang": "fr_FR"}), self.env(context={"lang": "en_US"})
        self.assertEqual(reason_label(french, "LIQ-OVER-TARIFF"), REASONS["LIQ-OVER-TARIFF"])
        self.assertEqual(
            reason_label(english, "LIQ-OVER-TARIFF"), "Amount claimed above the tariff"
        )
        self.assertEqual(reason_label(french, "LIQ-UNHEARD-OF"), "LIQ-UNHEARD-OF")
        reader = TranslationModuleReader(self.env.cr, modules=["siamo_referentiel"])
        terms = {row[4] for row in reader if row[0] == "siamo_referentiel"}
        self.assertEqual(
            {code for code, term in REASON_LABELS.items() if term._source not in terms}, set()
        )

    def test_an_unknown_code_falls_back_to_the_english_sentence(self):
        error = SiamoError("SOMETHING_NEW", "Something new: %(what)s.", what="x")
        french = self.env(context={"lang": "fr_FR"})
        self.assertEqual(core_error_message(french, error), "Something new: x.")
        self.assertEqual(core_error_message(french, "déjà écrit"), "déjà écrit")
