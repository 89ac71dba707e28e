from odoo.addons.siamo_ipm.tests.common import SiamoIpmCase
from odoo.exceptions import AccessError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestIdentityCheckAccess(SiamoIpmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner = cls.env["res.partner"]
        cls.clinic = partner.create(
            {
                "name": "Clinique Bio",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "clinic",
            }
        )
        cls.other_provider = partner.create(
            {
                "name": "Hôpital Bio",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "hospital",
            }
        )
        cls.user_a = cls._ipm_user("bio_user_a", cls.ipm_a)
        cls.user_b = cls._ipm_user("bio_user_b", cls.ipm_b)
        contact = partner.create({"name": "Accueil", "parent_id": cls.clinic.id})
        cls.clinic_portal = cls._portal_user(
            "bio_clinic_portal", contact, cls.ipm_a, "siamo_ipm.group_portal_provider"
        )

    def _check(self, user, beneficiary, provider, result="match"):
        return (
            self.env["siamo.identity.check"]
            .with_user(user)
            .create(
                {
                    "company_id": beneficiary.company_id.id,
                    "beneficiary_id": beneficiary.id,
                    "provider_id": provider.id,
                    "result": result,
                }
            )
        )

    def test_a_check_is_traced_with_who_and_when(self):
        check = self._check(self.user_a, self.participant_a, self.clinic)
        self.assertEqual(check.user_id, self.user_a)
        self.assertTrue(check.checked_at)

    def test_checks_cannot_be_rewritten(self):
        check = self._check(self.user_a, self.participant_a, self.clinic)
        with self.assertRaises(AccessError):
            check.write({"result": "mismatch"})

    def test_isolation_between_ipms_and_providers(self):
        check_a = self._check(self.user_a, self.participant_a, self.clinic)
        check_a_other = self._check(self.user_a, self.spouse_a, self.other_provider, "mismatch")
        check_b = self._check(self.user_b, self.participant_b, self.clinic)
        checks = self.env["siamo.identity.check"]
        all_ids = (check_a | check_a_other | check_b).ids
        self.assertEqual(checks.with_user(self.user_b).search([("id", "in", all_ids)]), check_b)
        self.assertEqual(
            checks.with_user(self.clinic_portal).search([("id", "in", all_ids)]), check_a
        )
        with self.assertRaises(AccessError):
            check_a_other.with_user(self.clinic_portal).read(["result"])
