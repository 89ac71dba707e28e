"""Two IPMs with their staff, a portal participant, and the identity of Moussa as his CEDEAO
card and the national registry give it."""

import base64
from datetime import date

from odoo.addons.siamo_ipm.tests.common import SiamoIpmCase
from odoo.tests import new_test_user

from .registry_peer import RegistryPeer

NIN = "1751197500123"
SPOUSE_NIN = "2751198000456"
PHOTO = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
).decode()
REGISTRY = {
    NIN: {"surname": "TEST", "given_names": "Moussa", "birth_date": "1975-11-19", "sex": "M"},
    SPOUSE_NIN: {"surname": "TEST", "given_names": "Fatou", "birth_date": "1980-02-02", "sex": "F"},
}
REGISTRY_LOGGER = "odoo.addons.siamo_biometrie.models.siamo_identity_registry"


def card(**changes):
    """Moussa's CEDEAO card as the reader gives it."""
    return {
        "kind": "cedeao",
        "number": "SN-CARD-0042",
        "nin": NIN,
        "surname": "TEST",
        "given_names": "Moussa",
        "birth_date": date(1975, 11, 19),
        "sex": "M",
        "photo": None,
        **changes,
    }


class IdentityCase(SiamoIpmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = cls._ipm_user("id_user_a", cls.ipm_a)
        cls.manager_a = cls._ipm_user("id_manager_a", cls.ipm_a, "siamo_ipm.group_ipm_manager")
        cls.user_b = cls._ipm_user("id_user_b", cls.ipm_b)
        partner = cls.env["res.partner"].create({"name": "Moussa Test"})
        cls.participant_a.partner_id = partner
        cls.portal_participant = cls._portal_user(
            "id_participant", partner, cls.ipm_a, "siamo_ipm.group_portal_participant"
        )
        cls.icamo_user = new_test_user(cls.env, login="id_icamo", groups="base.group_user")
        cls.participant_a.nin = NIN

    def _set_registry(self, url):
        self.env["ir.config_parameter"].sudo().set_param(
            "siamo_biometrie.identity_registry_url", url
        )

    def _registry(self, identities=None, failing=False):
        peer = RegistryPeer(REGISTRY if identities is None else identities, failing=failing)
        self._set_registry(peer.url)
        return peer
