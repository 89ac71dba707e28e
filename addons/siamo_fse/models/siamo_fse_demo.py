from odoo import api, models

from siamo_core.fse import FORMAT, generate_key, public_key_text, sign


class SiamoFseDemo(models.AbstractModel):
    """The demo providers' software: each signs its sheets and sends them to the intake."""

    _inherit = "siamo.fse.demo"

    def _provider_keys(self):
        """Each demo provider's signing key: its software signs its sheets with it, the hub
        checks them against the public key recorded on the provider."""
        keys = {}
        for xmlid in ("provider_clinique_filaos_demo", "provider_hopital_dakar_demo"):
            provider = self.env.ref(f"siamo_referentiel.{xmlid}")
            keys[provider] = generate_key()
            provider.siamo_fse_public_key = public_key_text(keys[provider])
        return keys

    def _signed_document(self, provider, key, sheet_id, beneficiary, days_ago, lines):
        """A sheet as the provider's software signs and sends it."""
        document = {
            "format": FORMAT,
            "sheet_id": sheet_id,
            "provider": {"code": provider.siamo_provider_code},
            "ipm": beneficiary.company_id.partner_id.ref,
            "beneficiary": {"member_number": beneficiary.member_number},
            "care_date": self._days_ago(days_ago).isoformat(),
            "lines": [
                {key_: line[key_] for key_ in ("kind", "code", "quantity", "unit_price", "amount")}
                for line in lines
            ],
            "total": sum(line["amount"] for line in lines),
        }
        return sign(document, key)

    @api.model
    def _demo_run_exchange(self):
        ref = self.env.ref
        line = self._line
        keys = self._provider_keys()
        year = self._today().year
        clinic = ref("siamo_referentiel.provider_clinique_filaos_demo")
        hospital = ref("siamo_referentiel.provider_hopital_dakar_demo")
        intake = self.env["siamo.fse.intake"]
        # a delivery without the authorization the package asks: refused at the door
        intake._receive(
            clinic,
            [
                self._signed_document(
                    clinic,
                    keys[clinic],
                    f"FIL-{year}-0106",
                    ref("siamo_ipm.spouse_04_1_demo"),
                    6,
                    [line("act", "SF-ACC", 60_000)],
                )
            ],
        )
        waiting = [
            ("participant_09_demo", 3, [line("act", "C", 3_500)]),
            (
                "participant_11_demo",
                2,
                [line("act", "B-GLY", 2_500), line("medicine", "MED-0006", 1_800)],
            ),
        ]
        intake._receive(
            hospital,
            [
                self._signed_document(
                    hospital,
                    keys[hospital],
                    f"HOP-{year}-00{number:02d}",
                    ref(f"siamo_ipm.{beneficiary}"),
                    days_ago,
                    lines,
                )
                for number, (beneficiary, days_ago, lines) in enumerate(waiting, start=1)
            ],
        )
