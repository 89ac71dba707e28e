from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_care import CareCase


@tagged("post_install", "-at_install")
class TestAuthorizationDecision(CareCase):
    """The medical officer grants or refuses a requested care authorization; the clerk, the
    accountant, the provider that asked and another IPM's medical officer do not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        officer = "siamo_ipm.group_ipm_medical_officer"
        cls.medical_officer = cls._ipm_user("decision_medecin", cls.ipm_a, officer)
        cls.manager = cls._ipm_user(
            "decision_gestionnaire", cls.ipm_a, "siamo_ipm.group_ipm_manager"
        )
        cls.clerk = cls._ipm_user("decision_agent", cls.ipm_a)
        cls.accountant = cls._ipm_user(
            "decision_comptable", cls.ipm_a, "siamo_ipm.group_ipm_accountant"
        )
        cls.officer_b = cls._ipm_user("decision_medecin_b", cls.ipm_b, officer)
        cls.provider_user = cls._provider_user("decision_clinique", cls.clinic)
        cls.request = cls.env["siamo.care.authorization"].create(
            {
                "company_id": cls.ipm_a.id,
                "beneficiary_id": cls.participant_a.id,
                "provider_id": cls.clinic.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "act_ids": [(6, 0, cls.scan.ids)],
                "amount_cap": 80_000,
                "requested_by_provider": True,
                "reason": "Suspicion de fracture",
                "state": "requested",
            }
        )

    def test_the_medical_officer_grants_a_request(self):
        self.request.with_user(self.medical_officer).action_grant()
        self.assertEqual(self.request.state, "granted")
        allowed = self.request._to_core()
        self.assertEqual((allowed.amount_cap, allowed.items), (80_000, frozenset({"TST-SCAN"})))
        self.assertEqual(allowed.valid_until.isoformat(), "2026-12-31")
        self.assertEqual(self.request.write_uid, self.medical_officer)
        with self.assertRaisesRegex(UserError, self.request.name):
            self.request.with_user(self.medical_officer).action_refuse()
        self.assertEqual(self.request.state, "granted")

    def test_the_medical_officer_refuses_with_a_reason_and_nothing_is_allowed(self):
        request = self.request.with_user(self.medical_officer)
        request.refusal_reason = "Examen non justifié"
        request.action_refuse()
        self.assertEqual(self.request.state, "refused")
        self.assertEqual(self.request._to_core().amount_cap, 0)
        with self.assertRaisesRegex(UserError, self.request.name):
            request.action_grant()
        self.assertEqual(self.request.state, "refused")

    def test_the_manager_is_also_a_medical_officer(self):
        self.request.with_user(self.manager).action_grant()
        self.assertEqual(self.request.state, "granted")

    def test_no_one_else_decides_and_nothing_is_written(self):
        self.request.refusal_reason = "Essai"
        self.env.flush_all()
        written_by = self.request.write_uid
        for user in (self.clerk, self.accountant, self.provider_user, self.officer_b):
            for action in ("action_grant", "action_refuse"):
                with (
                    self.subTest(user=user.login, action=action),
                    self.assertRaises(AccessError),
                    self.cr.savepoint(),
                ):
                    getattr(self.request.with_user(user), action)()
        self.assertEqual(self.request.state, "requested")
        self.env.flush_all()
        self.request.invalidate_recordset()
        self.assertEqual(self.request.write_uid, written_by)
