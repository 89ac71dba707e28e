from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SiamoIpmCase

RATE_FR = (
    "Le taux de cotisation 16 % n'est pas permis : il doit être positif et au plus de 15 % "
    "du salaire (décret 2012-832)."
)
RATE_EN = (
    "The contribution rate 16 % is not allowed: it must be positive and at most 15 % of the "
    "salary (decree 2012-832)."
)


@tagged("post_install", "-at_install")
class TestCoreErrorsInTheUsersLanguage(SiamoIpmCase):
    """A rule of siamo_core refuses in the language of the person who acts: French for a French
    manager, English for an English one, from the same coded error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        french_loaded = cls.env["res.lang"]._get_data(code="fr_FR").active
        for code in ("fr_FR", "en_US"):
            cls.env["res.lang"]._activate_lang(code)
        if not french_loaded:  # the field labels in French
            siamo_ipm = cls.env["ir.module.module"].search([("name", "=", "siamo_ipm")])
            siamo_ipm._update_translations(["fr_FR"])
        manager = "siamo_ipm.group_ipm_manager"
        cls.manager_fr = cls._ipm_user("errors_manager_fr", cls.ipm_a, manager)
        cls.manager_en = cls._ipm_user("errors_manager_en", cls.ipm_a, manager)
        cls.manager_fr.lang, cls.manager_en.lang = "fr_FR", "en_US"
        cls.clerk = cls._ipm_user("errors_clerk", cls.ipm_a)
        cls.rules = cls.env["siamo.ipm.rule"].create(
            {"company_id": cls.ipm_a.id, "date_from": "2020-01-01"}
        )

    def _as(self, user, records):
        """``records`` as ``user`` acts on them: his rights, his language (as a request has)."""
        return records.with_user(user).with_context(lang=user.lang)

    def _refusal(self, user, records, values):
        with self.assertRaises(ValidationError) as refused, self.cr.savepoint():
            self._as(user, records).write(values)
        return refused.exception.args[0]

    def test_a_rule_outside_the_law_is_refused_in_the_managers_language(self):
        self.assertEqual(
            self._refusal(self.manager_fr, self.rules, {"contribution_rate": 16}), RATE_FR
        )
        self.assertEqual(
            self._refusal(self.manager_en, self.rules, {"contribution_rate": 16}), RATE_EN
        )
        self.assertEqual(self.rules.contribution_rate, 6)
        # the rule is named by its field's label, in the manager's language
        self.assertEqual(
            self._refusal(self.manager_fr, self.rules, {"grace_days": -1}),
            "Délai de grâce (jours) : la valeur ne peut pas être négative.",
        )
        self.assertEqual(
            self._refusal(self.manager_en, self.rules, {"grace_days": -1}),
            "Grace Period (days) cannot be negative.",
        )
        # a decimal rate is written the way the manager's language writes it
        self.assertIn(
            "La part employeur 12,5 %",
            self._refusal(self.manager_fr, self.rules, {"employer_share": 12.5}),
        )
        self.assertIn(
            "The employer share 12.5 %",
            self._refusal(self.manager_en, self.rules, {"employer_share": 12.5}),
        )

    def test_a_clerk_cannot_change_the_rules(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._as(self.clerk, self.rules).write({"contribution_rate": 16})
        self.assertEqual(self.rules.contribution_rate, 6)

    def test_a_bad_nin_is_refused_in_the_users_language(self):
        self.assertEqual(
            self._refusal(self.manager_fr, self.participant_a, {"nin": "175119850"}),
            "Le NIN doit comporter 13 caractères ; « 175119850 » en a 9.",
        )
        self.assertEqual(
            self._refusal(self.manager_en, self.participant_a, {"nin": "175119850"}),
            "A NIN has 13 characters; “175119850” has 9.",
        )
        self.assertFalse(self.participant_a.nin)

    def test_no_rights_explained_in_the_readers_language(self):
        self.participant_a.first_contribution_month = False
        self.assertEqual(
            self._as(self.manager_fr, self.participant_a).rights_explanation,
            "aucune cotisation reçue : la période de stage n'a pas commencé",
        )
        self.assertEqual(
            self._as(self.manager_en, self.participant_a).rights_explanation,
            "no contribution received: the waiting period has not started",
        )
