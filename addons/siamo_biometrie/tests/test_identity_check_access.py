from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from siamo_core.identity_check import InvalidIdentityCheck

from .common import IdentityCase


@tagged("post_install", "-at_install")
class TestIdentityCheckAccess(IdentityCase):
    """Every check is traced, recorded by the provider that made it and never changed; each
    actor reads only its own: the IPM its IPM's, the provider its own, the participant his
    family's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = cls._ipm_user("bio_user_a", cls.ipm_a)
        cls.manager_a = cls._ipm_user("bio_manager_a", cls.ipm_a, "siamo_ipm.group_ipm_manager")
        cls.user_b = cls._ipm_user("bio_user_b", cls.ipm_b)
        cls.participant_a.partner_id = cls.env["res.partner"].create({"name": "Moussa Test"})
        cls.participant_user = new_test_user(
            cls.env,
            login="bio_participant",
            groups="siamo_ipm.group_portal_participant",
            partner_id=cls.participant_a.partner_id.id,
            company_id=cls.ipm_a.id,
            company_ids=[cls.ipm_a.id],
        )
        cls.spouse_check, cls.other_family_check = cls._record_other_visits()

    def test_a_check_is_traced_with_who_how_and_when(self):
        check = self._record(self.clinic_user, self.clinic, channel="api")
        self.assertRegex(check.name, r"^IDC-[0-9A-F]{24}$")
        self.assertEqual(
            (check.company_id, check.beneficiary_id, check.provider_id, check.user_id),
            (self.ipm_a, self.participant_a, self.clinic, self.clinic_user),
        )
        self.assertEqual(
            (check.method, check.result, check.channel, check.nin, check.card_kind),
            ("card_pin", "confirmed", "api", "1342197000137", "cedeao"),
        )
        self.assertEqual((check.practitioner, check.reader), ("Dr Awa Ndiaye", "Virtual PCD 00 00"))
        self.assertTrue(check.checked_at <= check.received_at)

    def test_a_refused_check_keeps_its_failure(self):
        check = self._record(self.clinic_user, self.clinic, result="refused", failure="pin_wrong")
        self.assertEqual((check.result, check.failure), ("refused", "pin_wrong"))

    def test_bad_input_writes_nothing(self):
        checks = self.env["siamo.identity.check"]
        before = checks.search_count([])
        cases = [
            (self.unbound_user, self.unbound, {}, "IDC_BENEFICIARY_UNKNOWN"),
            (
                self.clinic_user,
                self.clinic,
                {"beneficiary": {"nin": "1999199900011"}},
                "IDC_BENEFICIARY_UNKNOWN",
            ),
            (self.clinic_user, self.clinic, {"method": "iris"}, "IDC_BAD_CHOICE"),
            (
                self.clinic_user,
                self.clinic,
                {"card": {"kind": "cedeao", "number": "X", "nin": "2342197000145"}},
                "IDC_CARD_OTHER_HOLDER",
            ),
            (self.clinic_user, self.employer_a, {}, "IDC_NOT_A_PROVIDER"),
            # a participant who names himself as the provider
            (
                self.participant_user,
                self.participant_user.partner_id,
                {},
                "IDC_NOT_A_PROVIDER",
            ),
        ]
        for user, provider, changes, code in cases:
            with self.assertRaises(InvalidIdentityCheck) as refused:
                self._record(user, provider, **changes)
            self.assertEqual(refused.exception.code, code)
        self.assertEqual(checks.search_count([]), before)

    def test_a_check_is_never_changed_nor_deleted(self):
        check = self._record(self.clinic_user, self.clinic)
        for user in (self.manager_a, self.user_a, self.clinic_user, self.env.user):
            with self.assertRaises(UserError):
                check.with_user(user).write({"result": "refused"})
        for user in (self.manager_a, self.user_a, self.clinic_user):
            with self.assertRaises(AccessError):
                check.with_user(user).unlink()
        with self.assertRaises(UserError):
            check.sudo().unlink()
        self.assertEqual(check.result, "confirmed")

    def test_nobody_creates_a_check_but_through_the_recording(self):
        values = {
            "company_id": self.ipm_a.id,
            "beneficiary_id": self.participant_a.id,
            "provider_id": self.clinic.id,
            "result": "confirmed",
        }
        for user in (self.manager_a, self.user_a, self.clinic_user, self.participant_user):
            with self.assertRaises(AccessError):
                self.env["siamo.identity.check"].with_user(user).create(values)

    def test_each_actor_reads_only_its_own(self):
        check = self._record(self.clinic_user, self.clinic)
        checks = self.env["siamo.identity.check"]
        mine = check | self.spouse_check | self.other_family_check
        ids = [("id", "in", mine.ids)]
        self.assertEqual(checks.with_user(self.user_a).search(ids), mine)
        self.assertFalse(checks.with_user(self.user_b).search(ids))
        self.assertEqual(checks.with_user(self.clinic_user).search(ids), check | self.spouse_check)
        self.assertEqual(checks.with_user(self.pharmacy_user).search(ids), self.other_family_check)
        self.assertEqual(
            checks.with_user(self.participant_user).search(ids), check | self.spouse_check
        )
        with self.assertRaises(AccessError):
            self.other_family_check.with_user(self.participant_user).read(["result"])

    def test_a_provider_whose_agreement_ends_no_longer_reads_its_checks(self):
        check = self._record(self.pharmacy_user, self.pharmacy)
        agreement = self.env["siamo.agreement"].search([("provider_id", "=", self.pharmacy.id)])
        agreement.action_terminate()
        self.assertFalse(
            self.env["siamo.identity.check"]
            .with_user(self.pharmacy_user)
            .search([("id", "=", check.id)])
        )
