from datetime import date

from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from siamo_core.icamo.sample import sample_return

from .common import IcamoCase
from .soap_peer import SoapPeer

OCTOBER = date(2026, 10, 1)


@tagged("post_install", "-at_install")
class TestIcamoSoapPull(IcamoCase):
    """ICAMO pulls an IPM's return from its own software through SOAP (zeep against a real
    SOAP server on 127.0.0.1)."""

    def _pull(self, peer, user=None):
        self.ipm.soap_url = peer.url
        return self.ipm.with_user(user or self.admin)._pull_return(OCTOBER)

    def test_the_return_is_pulled_from_the_ipm_s_software_and_taken(self):
        with SoapPeer({("IPM-SONATEL", "2026-10"): sample_return()}) as peer:
            received = self._pull(peer)
        self.assertEqual(peer.requests, [("IPM-SONATEL", "2026-10")])
        self.assertEqual(
            (received.ipm_id, received.channel, received.version, received.fact_count),
            (self.ipm, "soap", 1, 35),
        )

    def test_a_bad_return_a_fault_or_silence_takes_nothing_and_says_why(self):
        bad = sample_return(period="octobre")
        with (
            SoapPeer({("IPM-SONATEL", "2026-10"): bad}) as peer,
            self.assertRaisesRegex(UserError, "period"),
        ):
            self._pull(peer)
        with SoapPeer({}) as peer, self.assertRaisesRegex(UserError, "Aucun état pour 2026-10"):
            self._pull(peer)
        with (
            SoapPeer({("IPM-SONATEL", "2026-10"): "pas du json"}) as peer,
            self.assertRaisesRegex(UserError, "not JSON"),
        ):
            self._pull(peer)
        url = peer.url
        self.ipm.soap_url = url  # the peer is gone: nobody answers there
        with (
            self.assertLogs("odoo.addons.siamo_icamo.models.siamo_icamo_ipm", "WARNING") as log,
            self.assertRaisesRegex(UserError, "cannot be reached") as caught,
        ):
            self.ipm.with_user(self.admin)._pull_return(OCTOBER)
        self.assertNotIn("Max retries", str(caught.exception), "no technical detail")
        self.assertIn("Max retries", log.output[0], "the detail is in the log")
        self.assertFalse(self.env["siamo.icamo.return"].search([("ipm_id", "=", self.ipm.id)]))

    def test_an_analyst_pulls_nothing(self):
        with SoapPeer({("IPM-SONATEL", "2026-10"): sample_return()}) as peer:
            with self.assertRaises(AccessError):
                self._pull(peer, self.analyst)
            self.assertEqual(peer.requests, [])

    def test_the_monthly_run_queues_a_pull_per_ipm_with_a_soap_address(self):
        self.ipm.soap_url = "http://127.0.0.1:9/ipm-returns"
        self.env["siamo.icamo.ipm"].create(
            {"company_id": self.icamo.id, "code": "IPM-SANS-LOGICIEL", "name": "IPM sans logiciel"}
        )
        with trap_jobs() as trap:
            self.env["siamo.icamo.ipm"].with_user(self.admin)._cron_pull_returns()
        trap.assert_jobs_count(1)
        job = trap.enqueued_jobs[0]
        self.assertEqual((job.recordset, job.method_name), (self.ipm, "_pull_return"))
