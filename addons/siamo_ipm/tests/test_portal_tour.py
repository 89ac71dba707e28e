from odoo.tests import tagged

from .common import SiamoIpmHttpCase


@tagged("post_install", "-at_install")
class TestPortalTour(SiamoIpmHttpCase):
    """A member company's HR contact, in a real browser: its workers, a request, its balance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create({"name": "RH Tour", "parent_id": cls.employer_a.id})
        cls._portal_user("rh_tour", contact, cls.ipm_a, "siamo_ipm.group_portal_member_company")

    def test_member_company_asks_to_add_a_spouse(self):
        self.start_tour("/my", "siamo_portal_member_company", login="rh_tour")
        request = self.env["siamo.member.request"].search([("name_to_add", "=", "Aïssatou Test")])
        self.assertEqual(
            (request.kind, request.relationship, request.participant_id),
            ("add", "spouse", self.participant_a),
        )
        self.assertEqual(request.state, "submitted")
