from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCarePackageMessages(TransactionCase):
    """The care package's refusals reach its manager in his language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        french_loaded = cls.env["res.lang"]._get_data(code="fr_FR").active
        cls.env["res.lang"]._activate_lang("fr_FR")
        if not french_loaded:  # the benefits' names and the messages in French
            modules = cls.env["ir.module.module"].search(
                [("name", "in", ("siamo_referentiel", "siamo_ipm"))]
            )
            modules._update_translations(["fr_FR"])
        agreements = "siamo_ipm.group_agreement_manager"
        cls.ipm = cls.env["res.company"].create({"name": "IPM Erreurs", "siamo_role": "ipm"})
        cls.agreements_fr = new_test_user(
            cls.env,
            "errors_agreements_fr",
            agreements,
            lang="fr_FR",
            company_id=cls.ipm.id,
            company_ids=[cls.ipm.id],
        )

    def test_a_package_names_its_missing_benefits_in_french(self):
        optics = self.env.ref("siamo_referentiel.amo_benefit_optics")
        compulsory = self.env["siamo.amo.benefit"].search([("compulsory", "=", True)])
        package = (
            self.env["siamo.care.package"]
            .with_user(self.agreements_fr)
            .with_context(lang="fr_FR")
            .create(
                {
                    "name": "Panier sans optique",
                    "company_id": self.ipm.id,
                    "line_ids": [
                        (0, 0, {"benefit_id": benefit.id, "rate": 80})
                        for benefit in compulsory - optics
                    ],
                }
            )
        )
        with self.assertRaises(UserError) as refused:
            package.action_validate()
        self.assertEqual(
            refused.exception.args[0],
            "Le panier de soins ne couvre pas ces prestations obligatoires de l'AMO : "
            f"{optics.with_context(lang='fr_FR').name}.",
        )
        self.assertEqual(package.state, "draft")
