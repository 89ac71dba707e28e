from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_care import CARE_DATE, CareCase
from .test_settlement import SettlementData


@tagged("post_install", "-at_install", "siamo_ipm_alone")
class TestSettlementPresence(SettlementData, CareCase):
    """An IPM's rules name the act classes it pays only with a proof of presence: the
    settlement rejects a line of such a class that comes without one. The IPM's books alone
    verify no proof (siamo_biometrie does): here every such line is rejected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env["siamo.ipm.rule"].create(
            {"company_id": cls.ipm_a.id, "date_from": "2020-01-01"}
        )
        users = {}
        for login, group in (
            ("presence_manager", "siamo_ipm.group_ipm_manager"),
            ("presence_clerk", "siamo_ipm.group_ipm_user"),
        ):
            users[login] = new_test_user(
                cls.env,
                login=login,
                groups=group,
                company_id=cls.ipm_a.id,
                company_ids=[cls.ipm_a.id],
            )
        cls.manager, cls.clerk = users["presence_manager"], users["presence_clerk"]
        cls.consultation_class = cls.consultation.act_class_id

    def _require_presence_as(self, user):
        self.rule.with_user(user).presence_act_class_ids = self.consultation_class

    def test_the_manager_sets_the_classes_a_plain_user_cannot(self):
        with self.assertRaises(AccessError):
            self._require_presence_as(self.clerk)
        self.assertFalse(self.rule.presence_act_class_ids)
        self._require_presence_as(self.manager)
        self.assertEqual(
            self.env["siamo.ipm.rule"]._presence_classes_on(self.ipm_a, CARE_DATE),
            frozenset({"consultation"}),
        )

    def test_a_line_of_such_a_class_without_proof_is_rejected_with_its_reason(self):
        self._require_presence_as(self.manager)
        sheet = self._receive(self._sheet("P-1"))
        batch = self._batch().with_user(self.manager)
        batch.action_settle()
        consultation = sheet.line_ids.filtered(lambda line: line.kind == "act")
        self.assertEqual(
            (consultation.settlement_status, consultation.reason_codes, consultation.ipm_share),
            ("rejected", "LIQ-PRESENCE", 0),
        )
        self.assertEqual(
            consultation.with_context(lang="fr_FR").reason_labels,
            "Preuve de présence requise et absente (LIQ-PRESENCE)",
        )

    def test_without_the_rule_the_same_line_is_paid(self):
        sheet = self._receive(self._sheet("P-2"))
        self._batch().with_user(self.manager).action_settle()
        consultation = sheet.line_ids.filtered(lambda line: line.kind == "act")
        self.assertEqual(
            (consultation.settlement_status, consultation.ipm_share), ("accepted", 4_000)
        )
