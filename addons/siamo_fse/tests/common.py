from odoo.addons.siamo_ipm.tests.common_care import CARE_DATE, CareData
from odoo.tests import HttpCase, TransactionCase

from siamo_core.fse import FORMAT, generate_key, public_key_text, sign

__all__ = ["CARE_DATE", "FseCase", "FseData", "FseHttpCase"]


class FseData(CareData):
    """The care data, with the providers' signing keys: their sheets come signed through the
    exchange platform."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clinic_key, cls.pharmacy_key = generate_key(), generate_key()
        cls.unbound_key = generate_key()
        for provider, key in (
            (cls.clinic, cls.clinic_key),
            (cls.pharmacy, cls.pharmacy_key),
            (cls.unbound, cls.unbound_key),
        ):
            provider.siamo_fse_public_key = public_key_text(key)

    @classmethod
    def _provider(cls, name, code, kind, key=None):
        provider = super()._provider(name, code, kind)
        if key:
            provider.siamo_fse_public_key = public_key_text(key)
        return provider

    @classmethod
    def _sheet(cls, sheet_id="S-1", key=None, provider_code="PS-CLINIQUE", lines=None, **changes):
        document = super()._sheet(sheet_id, provider_code, lines, **changes)
        return sign({"format": FORMAT, **document}, key or cls.clinic_key)


class FseCase(FseData, TransactionCase):
    pass


class FseHttpCase(FseData, HttpCase):
    pass
