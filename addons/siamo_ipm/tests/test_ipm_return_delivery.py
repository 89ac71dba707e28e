from datetime import datetime, timedelta

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.tests import tagged

from .common_care import CareHttpCase
from .icamo_peer import IcamoPeer, closed_port_url
from .test_ipm_return import MONTH, ReturnData


def _icamo_here(env):
    return "siamo.icamo.return" in env


class DeliveryCase(ReturnData, CareHttpCase):
    """The month's return, and ICAMO where it runs: in this database when siamo_icamo is
    installed, else a stand-in on 127.0.0.1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.with_icamo = _icamo_here(cls.env)
        if cls.with_icamo:
            cls.icamo = cls.env["res.company"].create(
                {"name": "ICAMO Collecte IPM", "siamo_role": "icamo"}
            )
            cls.followed = cls.env["siamo.icamo.ipm"].create(
                {
                    "company_id": cls.icamo.id,
                    "code": "IPM-A",
                    "name": "IPM Test A",
                    "partner_id": cls.ipm_a.partner_id.id,
                    "correspondent_ids": [(6, 0, cls.manager.ids)],
                }
            )
            cls.other = cls.followed.copy(
                {"code": "IPM-B", "name": "IPM Test B", "partner_id": cls.ipm_b.partner_id.id}
            )

    def _send(self, statement):
        """Send ``statement`` and run its delivery job; the deliveries it queued again."""
        with trap_jobs() as trap:
            statement.action_send()
            trap.assert_jobs_count(1, only=statement._deliver)
            trap.perform_enqueued_jobs()
            return [job for job in trap.enqueued_jobs if job.method_name == "_deliver"]

    def _computed(self):
        statement = self._new_return()
        statement.action_compute()
        return statement


@tagged("post_install", "-at_install", "siamo_ipm_alone")
class TestIpmReturnDelivery(DeliveryCase):
    """The manager sends the month's return to ICAMO: in this database when siamo_icamo is
    installed, else over HTTP with the IPM's API key; the answer stays on the return. Runs
    with siamo_ipm alone too."""

    def test_the_return_reaches_icamo_in_this_database(self):
        if not self.with_icamo:
            self.skipTest("siamo_icamo is not installed in this database")
        self._book_the_month()
        self._configure("local")
        statement = self._computed()
        self.assertEqual(self._send(statement), [])
        received = self.env["siamo.icamo.return"].search([("ipm_id", "=", self.followed.id)])
        self.assertEqual(
            (statement.state, statement.acknowledgement, statement.icamo_version),
            ("acknowledged", received.name, 1),
        )
        self.assertEqual((received.channel, received.create_uid), ("api", self.manager))
        facts = {fact.measure: 0 for fact in received.fact_ids}
        for fact in received.fact_ids:
            facts[fact.measure] += fact.value
        self.assertEqual(
            (facts["workers"], facts["contributions_called"], facts["care_paid"]),
            (2, 18_000, 4_000),
        )
        # a worker had left: the correction's figures differ (an unchanged one would keep
        # its acknowledgement, see siamo_icamo's API test)
        self.participant_a2.left_on = MONTH  # set-up: the books as mended
        correction = statement.browse(statement.action_correct()["res_id"])
        self._send(correction)
        self.assertEqual((correction.state, correction.icamo_version), ("acknowledged", 2))
        self.assertEqual((received.state, statement.state), ("superseded", "acknowledged"))
        self.assertIn(received.name, correction.answer)

    def test_an_ipm_cannot_send_in_another_ipm_s_name(self):
        if not self.with_icamo:
            self.skipTest("siamo_icamo is not installed in this database")
        self._configure("local", icamo_code="IPM-B")
        statement = self._computed()
        self.assertEqual(statement.document["ipm"], "IPM-B")
        self._send(statement)
        self.assertEqual(statement.state, "refused")
        self.assertIn("IPM-B", statement.answer)
        self.assertFalse(self.env["siamo.icamo.return"].search([("ipm_id", "=", self.other.id)]))

    def test_the_return_goes_over_http_with_the_ipm_s_key(self):
        if self.with_icamo:
            # ICAMO's own API on the running server, with the correspondent's key
            key = (
                self.env["res.users.apikeys"]
                .with_user(self.manager)
                ._generate(None, "Envoi des états", datetime.now() + timedelta(days=30))
            )
            self._configure("remote", url=self.base_url(), api_key=key)
            statement = self._computed()
            self._send(statement)
            received = self.env["siamo.icamo.return"].search([("ipm_id", "=", self.followed.id)])
            self.assertEqual(statement.acknowledgement, received.name)
            self.assertEqual(received.document["period"], statement.document["period"])
        else:
            with IcamoPeer() as icamo:
                self._configure("remote", url=icamo.url, api_key="cle-de-l-ipm")
                statement = self._computed()
                self._send(statement)
            self.assertEqual(
                icamo.received,
                [
                    (
                        "/siamo/api/v1/icamo/returns",
                        "Bearer cle-de-l-ipm",
                        statement.document,
                    )
                ],
            )
            self.assertEqual(statement.acknowledgement, "ICAMO-1")
        self.assertEqual(statement.state, "acknowledged")
        self.assertIn(statement.acknowledgement, statement.message_ids[0].body)

    def test_problems_icamo_finds_come_back_and_are_not_sent_again(self):
        problems = {"problems": [{"code": "RETURN_BAD_PERIOD", "message": "période invalide"}]}
        with IcamoPeer(status=422, answer={"error": "RETURN_INVALID", **problems}) as icamo:
            self._configure("remote", url=icamo.url, api_key="cle")
            statement = self._computed()
            again = self._send(statement)
        self.assertEqual((statement.state, again), ("refused", []))
        self.assertIn("ICAMO a trouvé des problèmes", statement.answer)
        self.assertIn("période invalide", statement.answer)

    def test_icamo_down_the_error_is_shown_and_the_job_tries_again(self):
        self._configure("remote", url=closed_port_url(), api_key="cle")
        statement = self._computed()
        again = self._send(statement)
        self.assertEqual((statement.state, statement.attempt_count), ("error", 1))
        self.assertIn("ICAMO ne peut être joint", statement.answer)
        self.assertEqual(len(again), 1)
        self.assertGreater(again[0].eta, datetime.now())
        self.assertIn("Prochain essai", statement.message_ids[0].body)
        # the manager sends it again by hand once ICAMO is back: the job waiting is the same
        with IcamoPeer() as icamo:
            self._configure("remote", url=icamo.url)
            with trap_jobs() as trap:
                statement.action_send()
                trap.assert_jobs_count(1, only=statement._deliver)
                trap.perform_enqueued_jobs()
        self.assertEqual((statement.state, statement.attempt_count), ("acknowledged", 2))


@tagged("post_install", "-at_install", "-standard", "siamo_ipm_alone")
class TestIpmReturnWithoutIcamo(DeliveryCase):
    """Only where siamo_ipm runs without ICAMO (the pass of siamo_ipm alone)."""

    def test_icamo_chosen_in_this_database_but_absent(self):
        self._configure("local")
        statement = self._computed()
        self._send(statement)
        self.assertEqual(statement.state, "error")
        self.assertIn("ICAMO n'est pas installé", statement.answer)
