import io

import pypdf

from odoo.tests import tagged

from .common import SiamoIpmHttpCase


@tagged("post_install", "-at_install")
class TestMemberCard(SiamoIpmHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = cls._ipm_user("card_user_a", cls.ipm_a)
        worker = cls.env["res.partner"].create({"name": "Moussa Test"})
        cls.participant_a.partner_id = worker
        cls.participant_portal = cls._portal_user(
            "card_participant", worker, cls.ipm_a, "siamo_ipm.group_portal_participant"
        )
        cls.manager_b = cls._ipm_user("card_manager_b", cls.ipm_b, "siamo_ipm.group_ipm_manager")
        hr_contact = cls.env["res.partner"].create(
            {"name": "RH Cartes A", "parent_id": cls.employer_a.id}
        )
        cls._portal_user(
            "card_company_a", hr_contact, cls.ipm_a, "siamo_ipm.group_portal_member_company"
        )

    def _cards(self, beneficiaries):
        return self.url_open(f"/siamo/ipm/cards?ids={','.join(map(str, beneficiaries.ids))}")

    def _text(self, response):
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        return len(reader.pages), "".join(page.extract_text() for page in reader.pages)

    def test_staff_prints_the_cards_of_a_family(self):
        self.authenticate("card_user_a", "card_user_a")
        response = self._cards(self.participant_a | self.spouse_a)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        pages, text = self._text(response)
        self.assertEqual(pages, 1)
        self.assertIn(self.participant_a.member_number, text)
        self.assertIn(self.spouse_a.member_number, text)

    def test_batch_for_a_member_company(self):
        action = self.membership_a.with_user(self.user_a).action_print_cards()
        ids = {int(part) for part in action["url"].split("ids=")[1].split(",")}
        self.assertEqual(ids, set((self.participant_a | self.spouse_a | self.participant_a2).ids))

    def test_no_card_of_another_ipm_or_family(self):
        self.authenticate("card_user_a", "card_user_a")
        self.assertEqual(self._cards(self.participant_b).status_code, 404)
        self.assertEqual(self._cards(self.participant_a | self.participant_b).status_code, 404)
        self.authenticate("card_participant", "card_participant")
        self.assertEqual(self._cards(self.spouse_a).status_code, 200)
        self.assertEqual(self._cards(self.participant_a2).status_code, 404)
        self.assertEqual(self.url_open("/siamo/ipm/cards?ids=abc").status_code, 404)
        self.authenticate("card_manager_b", "card_manager_b")
        self.assertEqual(self._cards(self.participant_a).status_code, 404)
        self.assertEqual(self._cards(self.child_b).status_code, 200)

    def test_a_member_company_prints_its_workers_cards_only(self):
        self.authenticate("card_company_a", "card_company_a")
        response = self._cards(self.participant_a2)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.participant_a2.member_number, self._text(response)[1])
        self.assertEqual(self._cards(self.participant_b).status_code, 404)

    def test_anonymous_is_sent_to_log_in(self):
        response = self._cards(self.participant_a)
        self.assertIn("/web/login", response.url)
