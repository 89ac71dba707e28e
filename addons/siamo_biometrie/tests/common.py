from datetime import timedelta

from odoo import fields
from odoo.addons.siamo_fse.tests.common import FseData
from odoo.addons.siamo_fse.tests.test_api import ApiKeys
from odoo.tests import HttpCase, TransactionCase

NIN_A = "1342197000137"


class IdentityData(ApiKeys, FseData):
    """The care data of siamo_fse (IPM A's clinic and pharmacy, a provider without any
    agreement, IPM B's family), each provider's portal user, and the checks they record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clinic_user = cls._provider_user("bio_clinique", cls.clinic)
        cls.pharmacy_user = cls._provider_user("bio_pharmacie", cls.pharmacy)
        cls.unbound_user = cls._provider_user("bio_libre", cls.unbound)

    @staticmethod
    def _now_text(delta=timedelta()):
        moment = fields.Datetime.now() + delta
        return moment.isoformat(timespec="seconds") + "Z"

    @classmethod
    def _payload(cls, **changes):
        body = {
            "beneficiary": {"nin": NIN_A},
            "method": "card_pin",
            "result": "confirmed",
            "failure": None,
            "practitioner": "Dr Awa Ndiaye",
            "checked_at": cls._now_text(),
            "card": {"kind": "cedeao", "number": "SN-CEDEAO-1", "nin": NIN_A, "photo": None},
            "agent": {"version": "1.0.0", "reader": "Virtual PCD 00 00"},
        }
        body.update(changes)
        return body

    @classmethod
    def _record_other_visits(cls):
        """``(spouse's, other family's)`` checks: Moussa's spouse seen at the clinic without
        her card, IPM A's other participant at the pharmacy with his member card."""
        spouse = cls._record(
            cls.clinic_user,
            cls.clinic,
            beneficiary={"member_number": cls.spouse_a.member_number},
            method="visual",
            reason="Carte oubliée",
            card=None,
        )
        other_family = cls._record(
            cls.pharmacy_user,
            cls.pharmacy,
            beneficiary={"member_number": cls.participant_a2.member_number},
            method="member_card_qr",
            card=None,
        )
        return spouse, other_family

    @classmethod
    def _record(cls, user, provider, channel="portal", **changes):
        checks = cls.env["siamo.identity.check"].with_user(user)
        return checks._siamo_record(provider, cls._payload(**changes), channel)


class IdentityCase(IdentityData, TransactionCase):
    pass


class IdentityHttpCase(IdentityData, HttpCase):
    pass
