from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_identity import NIN, REGISTRY, REGISTRY_LOGGER, SPOUSE_NIN, IdentityCase


@tagged("post_install", "-at_install")
class TestIdentityRegistry(IdentityCase):
    """A keyed NIN confirmed with the national identity registry through its SOAP service
    (zeep against a real SOAP server on 127.0.0.1)."""

    def _confirm(self, user, beneficiary=None):
        return (beneficiary or self.participant_a).with_user(user).action_confirm_identity()

    def test_the_registry_confirms_an_identity_that_agrees(self):
        with self._registry() as peer:
            self.assertTrue(self._confirm(self.user_a))
        moussa = self.participant_a
        self.assertEqual(peer.requests, [NIN])
        self.assertEqual((moussa.identity_state, moussa.identity_source), ("confirmed", "registry"))
        self.assertEqual(
            (moussa.identity_surname, str(moussa.birthdate), moussa.gender),
            ("TEST", "1975-11-19", "male"),
        )
        self.assertFalse(moussa.identity_conflict_ids)

    def test_another_name_on_the_registry_is_a_conflict(self):
        registry = {NIN: {**REGISTRY[NIN], "surname": "FALL"}}
        with self._registry(registry):
            action = self._confirm(self.user_a)
        conflict = self.participant_a.identity_conflict_ids
        self.assertEqual(action["res_id"], conflict.id, "the user is shown the conflict")
        self.assertEqual(
            (conflict.kind, conflict.source, conflict.difference_fields, conflict.proposed_surname),
            ("differs", "registry", "name", "FALL"),
        )
        moussa = self.participant_a
        self.assertEqual((moussa.name, moussa.identity_state), ("Moussa Test", "conflict"))
        conflict.with_user(self.user_a).action_take_source()
        self.assertEqual((moussa.name, moussa.identity_source), ("Moussa FALL", "registry"))

    def test_a_nin_the_registry_does_not_know_is_a_conflict_only_the_file_can_settle(self):
        with self._registry({}):
            self._confirm(self.user_a)
        conflict = self.participant_a.identity_conflict_ids
        self.assertEqual((conflict.kind, conflict.can_take_source), ("unknown_nin", False))
        self.assertEqual(self.participant_a.identity_state, "conflict")
        with self.assertRaisesRegex(UserError, "no identity to take"):
            conflict.with_user(self.user_a).action_take_source()
        conflict.with_user(self.manager_a).write({"resolution_note": "Carte vue au guichet"})
        conflict.with_user(self.manager_a).action_keep_file()
        self.assertEqual(self.participant_a.identity_state, "confirmed")

    def test_a_registry_that_is_down_says_so_in_french_terms_and_logs_the_detail(self):
        with self._registry() as peer:
            url = peer.url
        self._set_registry(url)  # the registry is gone: nobody answers there
        with (
            self.assertLogs(REGISTRY_LOGGER, "WARNING") as log,
            self.assertRaisesRegex(UserError, "cannot be reached") as caught,
        ):
            self._confirm(self.user_a)
        self.assertNotIn("Connection refused", str(caught.exception), "no technical detail")
        self.assertIn("Connection refused", log.output[0], "the detail is in the log")
        self.assertEqual(self.participant_a.identity_state, "to_confirm")
        self.assertFalse(self.participant_a.identity_conflict_ids)

    def test_the_user_reads_the_registry_s_silence_in_french(self):
        self._set_registry("http://127.0.0.1:9/identity-registry?wsdl")
        french = self.participant_a.with_context(lang="fr_FR")
        with (
            self.assertLogs(REGISTRY_LOGGER, "WARNING"),
            self.assertRaisesRegex(UserError, "registre national d'identité est injoignable"),
        ):
            french.with_user(self.user_a).action_confirm_identity()

    def test_a_registry_fault_is_said_and_logged_and_changes_nothing(self):
        with (
            self._registry(failing=True),
            self.assertLogs(REGISTRY_LOGGER, "WARNING") as log,
            self.assertRaisesRegex(UserError, "refused to answer .* Base indisponible"),
        ):
            self._confirm(self.user_a)
        self.assertIn("SERVICE", log.output[0])
        self.assertEqual(self.participant_a.identity_state, "to_confirm")

    def test_without_the_registry_s_address_nothing_is_asked(self):
        self._set_registry("")
        with self.assertRaisesRegex(UserError, "Settings"):
            self._confirm(self.user_a)

    def test_only_the_ipm_s_staff_confirm(self):
        with self._registry() as peer:
            for user in (self.portal_participant, self.user_b, self.icamo_user):
                with self.assertRaises(AccessError, msg=user.login):
                    self._confirm(user)
            self.assertEqual(peer.requests, [])
        self.assertEqual(self.participant_a.identity_state, "to_confirm")

    def test_many_beneficiaries_are_confirmed_in_the_background_one_job_per_ipm(self):
        self.spouse_a.nin = SPOUSE_NIN
        self.participant_b.nin = "1751199000777"
        both = new_test_user(
            self.env,
            login="id_user_ab",
            groups="siamo_ipm.group_ipm_user",
            company_id=self.ipm_a.id,
            company_ids=[self.ipm_a.id, self.ipm_b.id],
        )
        beneficiaries = self.participant_a | self.spouse_a | self.participant_b | self.child_b
        with trap_jobs() as trap:
            beneficiaries.with_user(both).with_context(
                allowed_company_ids=[self.ipm_a.id, self.ipm_b.id]
            ).action_confirm_identities_later()
        trap.assert_jobs_count(2)
        by_ipm = {job.recordset.company_id: job.recordset for job in trap.enqueued_jobs}
        self.assertEqual(by_ipm[self.ipm_a], self.participant_a | self.spouse_a)
        self.assertEqual(by_ipm[self.ipm_b], self.participant_b, "no NIN, nothing to confirm")
        with self._registry() as peer:
            trap.perform_enqueued_jobs()
        self.assertCountEqual(peer.requests, [NIN, SPOUSE_NIN, "1751199000777"])
        self.assertEqual(
            (self.participant_a | self.spouse_a).mapped("identity_state"), ["confirmed"] * 2
        )
        unknown = self.participant_b.identity_conflict_ids
        self.assertEqual((unknown.kind, unknown.company_id), ("unknown_nin", self.ipm_b))

    def test_a_job_meeting_a_registry_that_is_down_is_tried_again_later(self):
        with trap_jobs() as trap:
            self.participant_a.with_user(self.user_a).action_confirm_identities_later()
        trap.assert_jobs_count(1)
        self._set_registry("http://127.0.0.1:9/identity-registry?wsdl")
        with (
            self.assertLogs(REGISTRY_LOGGER, "WARNING"),
            self.assertRaisesRegex(RetryableJobError, "cannot be reached"),
        ):
            trap.perform_enqueued_jobs()
        self.assertEqual(self.participant_a.identity_state, "to_confirm")

    def test_a_portal_user_queues_nothing(self):
        with trap_jobs() as trap, self.assertRaises(AccessError):
            self.participant_a.with_user(self.portal_participant).action_confirm_identities_later()
        trap.assert_jobs_count(0)

    def test_the_administrator_sets_the_registry_s_address_an_ipm_manager_may_not(self):
        settings = self.env["res.config.settings"].create(
            {"siamo_identity_registry_url": "https://registre.example.sn/identite?wsdl"}
        )
        settings.execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("siamo_biometrie.identity_registry_url"),
            "https://registre.example.sn/identite?wsdl",
        )
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.manager_a).create(
                {"siamo_identity_registry_url": "http://127.0.0.1:9/"}
            )
