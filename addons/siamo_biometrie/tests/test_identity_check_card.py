from odoo.tests import tagged

from .common import IdentityCase

# a NIN no other IPM covers (the demo data's Moussa Diop holds the common tests' NIN_A)
NIN = "1342197012345"


@tagged("post_install", "-at_install")
class TestIdentityCheckCard(IdentityCase):
    """A check the cardholder confirmed with his card records the card's identity on his
    file; what the card says otherwise becomes a conflict for the IPM's staff. A participant
    or a member company cannot record a check at all (TestIdentityCheckPortal, the API's
    tests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.participant_a.nin = NIN

    def _check(self, user=None, provider=None, **changes):
        """The check the clinic's portal user (or ``user`` for ``provider``) records."""
        checks = self.env["siamo.identity.check"].with_user(user or self.clinic_user)
        payload = self._payload(**{"beneficiary": {"nin": NIN}, **changes})
        return checks._siamo_record(provider or self.clinic, payload, "portal")

    def _card(self, **changes):
        return {
            "kind": "cedeao",
            "number": "SN-CEDEAO-1",
            "nin": NIN,
            "surname": "Test",
            "given_names": "Moussa",
            "birth_date": "1970-06-02",
            "sex": "M",
            "photo": None,
            **changes,
        }

    def test_the_card_read_fills_the_file(self):
        check = self._check(card=self._card())
        beneficiary = self.participant_a
        self.assertEqual(check.beneficiary_id, beneficiary)
        self.assertEqual(
            (beneficiary.identity_source, beneficiary.identity_card_number),
            ("provider_card", "SN-CEDEAO-1"),
        )
        self.assertEqual(str(beneficiary.birthdate), "1970-06-02")
        self.assertFalse(beneficiary.sudo().identity_conflict_ids)
        # the agent's data is signed by no one: the registry confirms it, not the provider
        self.assertEqual(beneficiary.identity_state, "to_confirm")

    def test_a_card_read_that_adds_nothing_leaves_a_confirmed_file_confirmed(self):
        self._check(card=self._card())
        beneficiary = self.participant_a
        beneficiary.sudo()._siamo_set_identity_state("confirmed")
        self._check(card=self._card())
        self.assertEqual(beneficiary.identity_state, "confirmed")
        self._check(card=self._card(number="SN-CEDEAO-2"))
        self.assertEqual(beneficiary.identity_state, "to_confirm")

    def test_another_name_on_the_card_is_a_conflict_not_a_change(self):
        self._check(card=self._card(surname="Sarr"))
        beneficiary = self.participant_a
        self.assertEqual(beneficiary.name, "Moussa Test")
        self.assertEqual(beneficiary.identity_state, "conflict")
        self.assertEqual(beneficiary.sudo().identity_conflict_ids.source, "provider_card")

    def test_a_refused_check_records_nothing(self):
        self._check(result="refused", failure="pin_wrong", card=self._card(surname="Sarr"))
        self.assertEqual(self.participant_a.identity_state, "to_confirm")
        self.assertFalse(self.participant_a.sudo().identity_conflict_ids)

    def test_a_card_the_file_cannot_take_leaves_the_check(self):
        # a CEDEAO card read without a surname: the presence is proven, the file waits
        check = self._check(card={"kind": "cedeao", "number": "SN-CEDEAO-1", "nin": NIN})
        self.assertTrue(check.name)
        self.assertFalse(self.participant_a.identity_card_number)

    def test_a_card_never_gives_a_file_its_nin(self):
        # the spouse has no NIN on file: the provider's card read does not give her one
        spouse = self.spouse_a
        self.assertFalse(spouse.nin)
        self._check(
            beneficiary={"member_number": spouse.member_number},
            card=self._card(nin="2342198012345", given_names="Fatou", sex="F"),
        )
        self.assertEqual((spouse.nin, spouse.identity_source), (False, "keyed"))
        self.assertFalse(spouse.sudo().identity_conflict_ids)
