from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_identity import NIN, PHOTO, SPOUSE_NIN, IdentityCase, card


@tagged("post_install", "-at_install")
class TestIdentityRegistration(IdentityCase):
    """An identity read from a card or keyed: recorded when it agrees with the file, a
    conflict when it does not, never silently overwritten."""

    def _record(self, user, beneficiary, identity, source="card"):
        return beneficiary.with_user(user)._siamo_record_identity(identity, source)

    def test_a_card_agreeing_with_the_file_confirms_it_and_fills_what_it_lacks(self):
        conflicts = self._record(self.user_a, self.participant_a, card(photo=PHOTO))
        self.assertFalse(conflicts)
        moussa = self.participant_a
        self.assertEqual(
            (moussa.identity_state, moussa.identity_source, moussa.identity_kind),
            ("confirmed", "card", "cedeao"),
        )
        self.assertEqual(
            (moussa.identity_surname, moussa.identity_given_names, moussa.identity_card_number),
            ("TEST", "Moussa", "SN-CARD-0042"),
        )
        self.assertEqual((moussa.birthdate, moussa.gender), (date(1975, 11, 19), "male"))
        self.assertEqual(moussa.name, "Moussa Test", "a name that agrees is kept as keyed")
        self.assertTrue(moussa.photo)
        self.assertTrue(moussa.identity_confirmed_on)
        self.env.cr.precommit.run()  # where the chatter's tracking is written
        tracked = moussa.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("identity_state", tracked)

    def test_a_card_with_another_name_is_a_conflict_that_changes_nothing(self):
        other = card(surname="NDIAYE", given_names="Moussa Ibra")
        conflict = self._record(self.user_a, self.participant_a, other)
        moussa = self.participant_a
        self.assertEqual(
            (conflict.kind, conflict.source, conflict.state), ("differs", "card", "open")
        )
        self.assertEqual(conflict.difference_fields, "name")
        self.assertEqual((conflict.file_name, conflict.proposed_surname), ("Moussa Test", "NDIAYE"))
        self.assertEqual((moussa.name, moussa.identity_state), ("Moussa Test", "conflict"))
        self.assertFalse(moussa.birthdate, "nothing of the card was taken")
        self.assertIn("Identity conflict", moussa.message_ids[0].body)
        again = self._record(self.user_a, self.participant_a, other)
        self.assertEqual(again, conflict, "the same card read twice is one conflict")
        self.assertFalse(self._record(self.user_a, self.participant_a, card()))
        self.assertEqual(moussa.identity_state, "conflict", "while a conflict is open")
        # the staff take the card's identity
        conflict.with_user(self.user_a).action_take_source()
        self.assertEqual(conflict.state, "source_taken")
        self.assertEqual(conflict.resolved_by_id, self.user_a)
        self.assertEqual(
            (moussa.name, moussa.identity_state, moussa.identity_source),
            ("Moussa Ibra NDIAYE", "confirmed", "card"),
        )
        with self.assertRaisesRegex(UserError, "resolved already"):
            conflict.with_user(self.user_a).action_take_source()

    def test_a_conflict_s_decision_fields_change_only_through_its_actions(self):
        self.participant_a.birthdate = date(1975, 11, 19)
        conflict = self._record(self.user_a, self.participant_a, card(birth_date=date(1976, 1, 1)))
        self.assertEqual(conflict.difference_fields, "birth_date")
        self.assertEqual(conflict.differences, "Birth Date")
        mine = conflict.with_user(self.manager_a)
        for vals in ({"state": "file_kept"}, {"proposed_surname": "X"}, {"resolved_by_id": 1}):
            with self.assertRaises(AccessError):
                mine.write(vals)
        with self.assertRaises(AccessError):
            mine.unlink()
        with self.assertRaises(AccessError):
            self.env["siamo.identity.conflict"].with_user(self.user_a).create(
                {"beneficiary_id": self.participant_a.id, "kind": "differs", "source": "card"}
            )

    def test_the_manager_keeps_the_file_s_identity_with_a_note_a_user_may_not(self):
        conflict = self._record(self.user_a, self.participant_a, card(surname="FALL"))
        with self.assertRaises(AccessError):
            conflict.with_user(self.user_a).action_keep_file()
        with self.assertRaisesRegex(UserError, "note"):
            conflict.with_user(self.manager_a).action_keep_file()
        conflict.with_user(self.manager_a).resolution_note = "Carte d'un homonyme"
        conflict.with_user(self.manager_a).action_keep_file()
        self.assertEqual(conflict.state, "file_kept")
        self.assertEqual(self.participant_a.name, "Moussa Test")
        self.assertEqual(self.participant_a.identity_state, "confirmed")
        with self.assertRaisesRegex(UserError, "final"):
            conflict.with_user(self.manager_a).resolution_note = "Autre chose"

    def test_a_nin_covered_by_another_ipm_is_a_conflict_that_names_no_one_there(self):
        self.participant_b.nin = NIN
        conflict = self._record(self.user_a, self.participant_a, card())
        self.assertEqual(conflict.kind, "covered_elsewhere")
        self.assertEqual(self.participant_a.identity_state, "conflict")
        shown = conflict.with_user(self.user_a).read()[0]
        text = str(shown) + self.participant_a.message_ids[0].body
        for secret in ("IPM Test B", "Ousmane", self.participant_b.member_number):
            self.assertNotIn(secret, text)
        self.assertFalse(
            self.env["siamo.beneficiary"].with_user(self.user_a).search([("nin", "=", NIN)])
            - self.participant_a
        )
        # the card's own identity is taken once the staff decide so
        conflict.with_user(self.user_a).action_take_source()
        self.assertEqual(self.participant_a.identity_state, "confirmed")

    def test_a_foreigner_s_cmu_card_is_recorded_by_its_number(self):
        cmu = card(kind="cmu", number="CMU-2026-778", nin=None, surname="Test", given_names="Fatou")
        cmu.update(sex="F", birth_date="1980-02-02")
        self.assertFalse(self._record(self.user_a, self.spouse_a, cmu))
        fatou = self.spouse_a
        self.assertEqual(
            (fatou.identity_kind, fatou.identity_card_number, fatou.nin, fatou.identity_state),
            ("cmu", "CMU-2026-778", False, "confirmed"),
        )
        self.assertEqual(fatou.with_user(self.portal_participant).identity_state, "confirmed")

    def test_a_keyed_identity_is_on_file_at_once_and_to_confirm(self):
        keyed = card(nin=SPOUSE_NIN, number="", surname="Test", given_names="Fatou", sex="F")
        keyed["birth_date"] = date(1980, 2, 2)
        conflicts = self._record(self.user_a, self.spouse_a, keyed, "keyed")
        self.assertFalse(conflicts)
        fatou = self.spouse_a
        self.assertEqual(
            (fatou.nin, fatou.gender, fatou.identity_state, fatou.identity_source),
            (SPOUSE_NIN, "female", "to_confirm", "keyed"),
        )

    def test_keying_a_confirmed_identity_again_sends_it_back_to_confirmation(self):
        self._record(self.user_a, self.participant_a, card())
        self.assertEqual(self.participant_a.identity_state, "confirmed")
        self.participant_a.with_user(self.user_a).birthdate = date(1975, 11, 20)
        self.assertEqual(
            (self.participant_a.identity_state, self.participant_a.identity_source),
            ("to_confirm", "keyed"),
        )
        with self.assertRaises(AccessError):
            self.participant_a.with_user(self.user_a).identity_state = "confirmed"

    def test_what_a_card_cannot_say_is_refused_with_its_reason(self):
        with self.assertRaisesRegex(ValidationError, "needs its NIN"):
            self._record(self.user_a, self.participant_a, card(nin=None))
        with self.assertRaisesRegex(ValidationError, "does not match the NIN"):
            self._record(self.user_a, self.participant_a, card(sex="F"))
        french = self.participant_a.with_context(lang="fr_FR")
        with self.assertRaisesRegex(ValidationError, "doit porter son NIN"):
            self._record(self.user_a, french, card(nin=None))
        with self.assertRaises(ValueError):
            self._record(self.user_a, self.participant_a, card(), "registry")
        self.assertEqual(self.participant_a.identity_state, "to_confirm")

    def test_only_the_ipm_s_staff_record_an_identity_or_read_its_conflicts(self):
        for user in (self.portal_participant, self.user_b, self.icamo_user):
            with self.assertRaises(AccessError, msg=user.login):
                self._record(user, self.participant_a, card())
        self.assertFalse(self.participant_a.identity_conflict_ids)
        conflict = self._record(self.user_a, self.participant_a, card(surname="FALL"))
        Conflict = self.env["siamo.identity.conflict"]
        self.assertFalse(Conflict.with_user(self.user_b).search([("id", "=", conflict.id)]))
        for user in (self.portal_participant, self.user_b, self.icamo_user):
            with self.assertRaises(AccessError, msg=user.login):
                conflict.with_user(user).read(["state"])
            with self.assertRaises(AccessError, msg=user.login):
                conflict.with_user(user).action_take_source()
        self.assertEqual(conflict.state, "open")

    def test_the_staff_see_the_identity_tab_and_the_conflicts_menu(self):
        Beneficiary = self.env["siamo.beneficiary"].with_user(self.user_a)
        form = Beneficiary.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_confirm_identity"', form)
        self.assertIn('name="identity_state"', form)
        views = (
            self.env["siamo.identity.conflict"]
            .with_user(self.user_a)
            .get_views([(False, "list"), (False, "form"), (False, "search")])["views"]
        )
        self.assertIn('name="action_take_source"', views["form"]["arch"])
        self.assertNotIn('name="action_keep_file"', views["form"]["arch"], "the manager's")
        self.assertIn('name="open"', views["search"]["arch"])
        menu = self.env.ref("siamo_biometrie.siamo_identity_conflict_menu")
        visible = self.env["ir.ui.menu"].with_user(self.user_a)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        Conflict = self.env["siamo.identity.conflict"]
        self.assertFalse(Conflict.with_user(self.portal_participant).has_access("read"))
