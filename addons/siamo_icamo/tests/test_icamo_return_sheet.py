import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IcamoCase
from .common_portal import filled_template, with_errors


@tagged("post_install", "-at_install")
class TestIcamoReturnSheet(IcamoCase):
    """The spreadsheet way in: the administrator imports a filled template as he does a JSON
    file; the IPM takes its own template's return and no other IPM's."""

    def _import_file(self, content, filename="etat.xlsx", user=None):
        wizard = (
            self.env["siamo.icamo.return.import"]
            .with_user(user or self.admin)
            .create({"file": base64.b64encode(content), "filename": filename})
        )
        action = wizard.with_context(lang="fr_FR").action_import()
        return self.env["siamo.icamo.return"].browse(action["res_id"])

    def test_the_administrator_imports_a_filled_template(self):
        received = self._import_file(filled_template())
        self.assertEqual((received.ipm_id, received.channel), (self.ipm, "file"))
        self.assertEqual(received.fact_count, 35)
        self.assertEqual(received.document["period"], "2026-10")

    def test_a_template_with_errors_is_refused_with_every_line_and_writes_nothing(self):
        with self.assertRaises(UserError) as raised:
            self._import_file(filled_template(with_errors))
        lines = str(raised.exception).splitlines()
        self.assertEqual(lines[0], "Le fichier a 4 problème(s) :")
        self.assertEqual(
            lines[2],
            "Adhérents, ligne 3, Région : « SN-XX » n'est pas une valeur connue de la colonne "
            "Région.",
        )
        self.assertEqual(
            lines[4],
            "Cotisations, ligne 3, Encaissées (FCFA) : Le montant 1500,5 doit être un nombre "
            "entier de FCFA.",
        )
        self.assertFalse(self.env["siamo.icamo.return"].search([]))

    def test_the_ipm_takes_its_own_template_only(self):
        received, problems = self.ipm._receive_spreadsheet("etat.xlsx", filled_template())
        self.assertEqual((received.version, problems), (1, []))
        other = self.env["siamo.icamo.ipm"].create(
            {"company_id": self.icamo.id, "code": "IPM-SENELEC", "name": "IPM Senelec"}
        )
        received, problems = other._receive_spreadsheet("etat.xlsx", filled_template())
        self.assertFalse(received)
        self.assertEqual(problems[0]["value"], "IPM-SONATEL")

    def test_the_template_names_the_ipm_and_the_month(self):
        content = self.ipm._return_template(self.ipm.first_period)
        document, problems = self.env["siamo.icamo.return"]._spreadsheet_document(
            "etat.xlsx", content
        )
        self.assertIsNone(document)
        self.assertEqual([problem["sheet"] for problem in problems], ["Gestion"])

    def test_a_correspondent_or_an_analyst_imports_nothing(self):
        correspondent = self._correspondent("correspondant_import", followed=False)
        for user in (correspondent, self.analyst):
            with self.assertRaises(AccessError):
                self._import_file(filled_template(), user=user)
