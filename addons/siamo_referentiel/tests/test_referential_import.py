import base64
import io

import openpyxl
import xlwt

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SiamoReferentialCase


@tagged("post_install", "-at_install")
class TestReferentialImport(SiamoReferentialCase):
    def _errors(self, wizard):
        """The error report as {(row, column): reason}, read back from the .xlsx."""
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.error_report)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), ["Row", "Column", "Value", "Reason"])
        return {(row[0], row[1]): row[3] for row in rows[1:]}

    def _import_refused(self, wizard, model, domain):
        before = self.env[model].with_context(active_test=False).search_count(domain)
        with self.assertRaisesRegex(UserError, "nothing was imported"):
            wizard.action_import()
        self.assertEqual(
            self.env[model].with_context(active_test=False).search_count(domain), before
        )

    def test_medicines_negative_price_and_duplicate_code(self):
        content = self._csv(
            ["code", "nom_commercial", "dci", "prix_public", "generique"],
            ["IMP-1", "Doliprane", "Paracétamol", "850", "oui"],
            ["IMP-2", "Amoxil", "Amoxicilline", "-100", "non"],
            ["IMP-1", "Doublon", "", "900", "non"],
        )
        wizard = self._wizard("medicines", content)
        wizard.action_preview()
        self.assertEqual((wizard.valid_count, wizard.error_count), (1, 2))
        errors = self._errors(wizard)
        self.assertIn("negative", errors[(3, "prix_public")])
        self.assertEqual(errors[(4, "code")], "“IMP-1” is already on row 2.")
        self._import_refused(wizard, "siamo.medicine", [("code", "like", "IMP-")])

    def test_only_valid_rows_when_asked(self):
        content = self._csv(
            ["code", "nom_commercial", "prix_public"],
            ["IMV-1", "Bon", "850"],
            ["IMV-2", "Mauvais", "x"],
        )
        wizard = self._wizard("medicines", content, mode="valid")
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        imported = self.env["siamo.medicine"].search([("code", "like", "IMV-")])
        self.assertEqual(imported.mapped("code"), ["IMV-1"])
        self.assertEqual(imported.public_price, 850)

    def test_reimport_changes_nothing_and_updates_by_code(self):
        content = self._csv(
            ["code", "nom_commercial", "prix_public", "remboursable"],
            ["IMR-1", "Coartem", "2900", "oui"],
            ["IMR-2", "Amlor", "4750", "oui"],
        )
        self._wizard("medicines", content).action_import()
        medicines = self.env["siamo.medicine"].search([("code", "like", "IMR-")])
        self.assertEqual(len(medicines), 2)
        again = self._wizard("medicines", content)
        again.action_preview()
        self.assertEqual((again.create_count, again.update_count, again.unchanged_count), (0, 0, 2))
        changed = self._csv(
            ["code", "nom_commercial", "prix_public", "remboursable"],
            ["IMR-1", "Coartem", "3100", "oui"],
            ["IMR-2", "Amlor", "4750", "oui"],
        )
        update = self._wizard("medicines", changed)
        update.action_import()
        self.assertEqual((update.create_count, update.update_count), (0, 1))
        self.assertEqual(self.env["siamo.medicine"].search([("code", "like", "IMR-")]), medicines)
        self.assertEqual(medicines.filtered(lambda m: m.code == "IMR-1").public_price, 3100)

    def test_companies_bad_ninea(self):
        content = self._csv(
            ["ninea", "raison_sociale", "effectif"],
            ["3067221 2G2", "Société Bonne", "350"],
            ["3067222", "Société Mauvaise", "12"],
        )
        wizard = self._wizard("companies", content)
        wizard.action_preview()
        self.assertIn("NINEA “3067222” is not valid", self._errors(wizard)[(3, "ninea")])
        self._import_refused(wizard, "res.partner", [("name", "like", "Société %")])
        valid = self._wizard("companies", content, mode="valid")
        valid.action_import()
        company = self.env["res.partner"].search([("siamo_ninea", "=", "30672212G2")])
        self.assertTrue(company.is_company)
        self.assertTrue(company.siamo_must_have_own_ipm)
        self.assertEqual(company.create_uid, self.referential_manager)

    def test_acts_unknown_key_letter(self):
        content = self._csv(
            ["code", "libelle", "lettre_cle", "coefficient", "classe"],
            ["IMA-1", "Consultation", "CT", "1", "consultation"],
            ["IMA-2", "Inconnu", "QQ", "2", "Consultation"],
        )
        wizard = self._wizard("acts", content)
        wizard.action_preview()
        self.assertEqual(
            self._errors(wizard)[(3, "lettre_cle")],
            "“QQ” is not a known value of the column lettre_cle.",
        )
        self._import_refused(wizard, "siamo.act", [("code", "like", "IMA-")])

    def test_providers_unknown_commune_and_date_format(self):
        commune = self.env["siamo.commune"].create(
            {
                "code": "IMP-COM",
                "name": "Commune Test",
                "department_id": self.env.ref("siamo_referentiel.department_dakar").id,
            }
        )
        content = self._csv(
            ["code", "nom", "type", "commune", "debut_agrement", "numero_agrement"],
            ["IMP-P1", "Clinique A", "clinique", "IMP-COM", "15/03/2024", "AG-1"],
            ["IMP-P2", "Clinique B", "clinique", "Atlantis", "15/03/2024", ""],
            ["IMP-P3", "Clinique C", "clinique", "IMP-COM", "2024/31/12", ""],
        )
        wizard = self._wizard("providers", content)
        wizard.action_preview()
        errors = self._errors(wizard)
        self.assertEqual(
            errors[(3, "commune")], "“Atlantis” is not a known value of the column commune."
        )
        self.assertIn("DD/MM/YYYY", errors[(4, "debut_agrement")])
        self._import_refused(wizard, "res.partner", [("siamo_provider_code", "like", "IMP-P")])
        self._wizard("providers", content, mode="valid").action_import()
        provider = self.env["res.partner"].search([("siamo_provider_code", "=", "IMP-P1")])
        self.assertEqual(provider.siamo_commune_id, commune)
        self.assertEqual(provider.siamo_region_id, self.env.ref("siamo_referentiel.region_dk"))
        self.assertEqual(provider.siamo_accreditation_state, "accredited")

    def test_communes_from_xlsx(self):
        book = openpyxl.Workbook()
        book.active.append(["Code", "Nom", "Département"])
        book.active.append(["IMX-1", "Ndiarème Limamoulaye", "Guédiawaye"])
        book.active.append(["IMX-2", "Commune perdue", "Atlantide"])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self._wizard(
            "communes", base64.b64encode(buffer.getvalue()), "communes.xlsx", mode="valid"
        )
        wizard.action_import()
        commune = self.env["siamo.commune"].search([("code", "=", "IMX-1")])
        self.assertEqual(commune.region_id.code, "SN-DK")
        self.assertEqual(wizard.error_count, 1)

    def test_key_letters_from_xls_and_history_kept(self):
        def xls(*rows):
            book = xlwt.Workbook()
            sheet = book.add_sheet("Valeurs")
            for row_index, row in enumerate(
                [("lettre_cle", "libelle", "bareme", "valeur", "date_effet"), *rows]
            ):
                for col, value in enumerate(row):
                    sheet.write(row_index, col, value)
            buffer = io.BytesIO()
            book.save(buffer)
            return base64.b64encode(buffer.getvalue())

        wizard = self._wizard(
            "key_letters", xls(("NX", "Nouvelle lettre", "TST", 700, "01/01/2020")), "valeurs.xls"
        )
        wizard.action_import()
        letter = self.env["siamo.key.letter"].search([("code", "=", "NX")])
        self.assertEqual(letter.value_ids.value, 700)
        rewrite = self._wizard(
            "key_letters", xls(("NX", "Nouvelle lettre", "TST", 800, "01/01/2020")), "valeurs.xls"
        )
        rewrite.action_preview()
        self.assertIn("it cannot be rewritten", self._errors(rewrite)[(2, "valeur")])
        with self.assertRaises(UserError):
            rewrite.action_import()
        self.assertEqual(letter.value_ids.value, 700)

    def test_bad_date_and_unknown_file(self):
        content = self._csv(
            ["lettre_cle", "bareme", "valeur", "date_effet"], ["CT", "TST", "3600", "2025-13-01"]
        )
        wizard = self._wizard("key_letters", content)
        wizard.action_preview()
        self.assertIn("DD/MM/YYYY", self._errors(wizard)[(2, "date_effet")])
        with self.assertRaisesRegex(UserError, "xlsx, .xls or .csv"):
            self._wizard("medicines", content, filename="liste.pdf").action_preview()

    def test_who_does_not_maintain_the_referentials_imports_nothing(self):
        """IPM staff and a portal user read the referentials but
        import none: nothing is written."""
        content = self._csv(["code", "nom_commercial", "prix_public"], ["IMN-1", "Non", "100"])
        wizard = self._wizard("medicines", content)
        for login, groups in (
            ("ref_ipm_staff", "base.group_user"),
            ("ref_portal_user", "base.group_portal"),
        ):
            user = new_test_user(self.env, login=login, groups=groups)
            with self.subTest(login=login):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    self.env["siamo.referential.import"].with_user(user).create(
                        {"referential": "medicines", "file": content, "filename": "f.csv"}
                    )
                with self.assertRaises(AccessError), self.cr.savepoint():
                    wizard.with_user(user).action_import()
        self.assertEqual(wizard.state, "upload")
        self.assertFalse(self.env["siamo.medicine"].search([("code", "=", "IMN-1")]))
        wizard.action_import()
        self.assertEqual(
            self.env["siamo.medicine"].search([("code", "=", "IMN-1")]).public_price, 100
        )
