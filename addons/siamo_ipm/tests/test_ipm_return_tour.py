from odoo.addons.queue_job.job import Job
from odoo.tests import HttpCase, tagged

from .icamo_peer import IcamoPeer

MANAGER = "gestionnaire@ipm-dakar.example.sn"


@tagged("post_install", "-at_install")
class TestIpmReturnTour(HttpCase):
    """The demo fund's manager, in the backend: says where ICAMO is, computes last month's
    return and sends it; the queued job delivers it and ICAMO's acknowledgement comes
    back."""

    def test_the_manager_sends_last_month_s_return(self):
        manager = self.env["res.users"].search([("login", "=", MANAGER)])
        if not manager:
            self.skipTest("the demo data is not installed")
        # the tour logs in with the login as password
        manager.password = MANAGER
        ipm = manager.company_id
        self.start_tour("/odoo", "siamo_ipm_return_send", login=MANAGER)
        statement = self.env["siamo.ipm.return"].search([("company_id", "=", ipm.id)])
        self.assertEqual((len(statement), statement.state), (1, "sent"))
        self.assertEqual(statement.create_uid, manager)
        company = ipm.sudo()
        self.assertEqual(
            (company.siamo_icamo_delivery, company.siamo_icamo_api_key),
            ("remote", "cle-du-correspondant"),
        )
        queued = self.env["queue.job"].search(
            [("model_name", "=", "siamo.ipm.return"), ("method_name", "=", "_deliver")]
        )
        self.assertEqual(queued.records, statement)
        with IcamoPeer() as icamo:
            company.siamo_icamo_url = icamo.url
            Job.load(self.env, queued.uuid).perform()
        self.assertEqual(icamo.received[0][1], "Bearer cle-du-correspondant")
        self.assertEqual((statement.state, statement.acknowledgement), ("acknowledged", "ICAMO-1"))
