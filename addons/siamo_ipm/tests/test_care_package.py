from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from siamo_core.package import COMPULSORY_BENEFITS, OPTIONAL_BENEFITS
from siamo_core.referentials import ACT_CLASSES, PROVIDER_KINDS


@tagged("post_install", "-at_install")
class TestCarePackage(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ipm = cls.env["res.company"].create({"name": "IPM Panier", "siamo_role": "ipm"})
        cls.compulsory = cls.env["siamo.amo.benefit"].search([("compulsory", "=", True)])
        other_ipm = cls.env["res.company"].create({"name": "IPM Voisine", "siamo_role": "ipm"})

        def user(login, groups, ipm=cls.ipm):
            return new_test_user(
                cls.env, login=login, groups=groups, company_id=ipm.id, company_ids=[ipm.id]
            )

        # the IPM's manager holds the agreements and care package group
        cls.package_manager = user("package_manager", "siamo_ipm.group_agreement_manager")
        cls.staff = user("package_staff", "base.group_user")
        cls.other_manager = user(
            "package_manager_b", "siamo_ipm.group_agreement_manager", other_ipm
        )

    def _package(self, benefits):
        return self.env["siamo.care.package"].create(
            {
                "name": "Panier test",
                "company_id": self.ipm.id,
                "line_ids": [
                    (0, 0, {"benefit_id": benefit.id, "rate": 80}) for benefit in benefits
                ],
            }
        )

    def test_the_ten_compulsory_benefits_are_shipped(self):
        self.assertEqual(len(self.compulsory), 10)
        optics = self.env.ref("siamo_referentiel.amo_benefit_optics")
        self.assertIn(optics, self.compulsory)
        self.assertFalse(self.env.ref("siamo_referentiel.amo_benefit_dental_prosthesis").compulsory)

    def test_codes_agree_with_the_core(self):
        """The core's rules and the shipped records must name benefits and classes alike."""
        self.assertEqual(set(self.compulsory.mapped("code")), set(COMPULSORY_BENEFITS))
        optional = self.env["siamo.amo.benefit"].search([("compulsory", "=", False)])
        self.assertEqual(set(optional.mapped("code")), set(OPTIONAL_BENEFITS))
        classes = self.env["siamo.act.class"].search([])
        self.assertEqual(set(classes.mapped("code")), set(ACT_CLASSES))
        kinds = self.env["res.partner"]._fields["siamo_provider_kind"].selection
        self.assertEqual({code for code, _label in kinds}, set(PROVIDER_KINDS))

    def test_package_missing_a_compulsory_benefit_is_refused(self):
        optics = self.env.ref("siamo_referentiel.amo_benefit_optics")
        package = self._package(self.compulsory - optics)
        self.assertEqual(package.missing_benefit_ids, optics)
        with self.assertRaisesRegex(UserError, "compulsory AMO benefits: Optics."):
            package.with_user(self.package_manager).action_validate()
        self.assertEqual(package.state, "draft")

    def test_complete_package_is_validated_and_covers_by_class(self):
        package = self._package(self.compulsory)
        package.with_user(self.package_manager).action_validate()
        self.assertEqual(package.state, "validated")
        act = self.env["siamo.act"].create(
            {
                "code": "PKG-C",
                "name": "Consultation",
                "act_class_id": self.env.ref("siamo_referentiel.act_class_consultation").id,
            }
        )
        cover = package._coverage(act)
        self.assertTrue(cover.covered)
        self.assertEqual(cover.rate * 100, 80)
        kine = self.env["siamo.act"].create(
            {
                "code": "PKG-K",
                "name": "Kiné",
                "act_class_id": self.env.ref("siamo_referentiel.act_class_physiotherapy").id,
            }
        )
        self.assertFalse(package._coverage(kine).covered)

    def test_non_reimbursable_medicine_not_covered(self):
        package = self._package(self.compulsory)
        medicine = self.env["siamo.medicine"].create(
            {"code": "PKG-M", "name": "Cosmétique", "public_price": 5000, "reimbursable": False}
        )
        self.assertEqual(medicine.act_class_id.code, "medicine")
        self.assertFalse(package._coverage(medicine).covered)

    def test_only_the_ipms_package_manager_validates_and_resets(self):
        package = self._package(self.compulsory)
        for user in (self.staff, self.other_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError), self.cr.savepoint():
                package.with_user(user).action_validate()
        self.assertEqual(package.state, "draft")
        package.with_user(self.package_manager).action_validate()
        for user in (self.staff, self.other_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError), self.cr.savepoint():
                package.with_user(user).action_reset_to_draft()
        self.assertEqual(package.state, "validated")
        package.with_user(self.package_manager).action_reset_to_draft()
        self.assertEqual(package.state, "draft")
