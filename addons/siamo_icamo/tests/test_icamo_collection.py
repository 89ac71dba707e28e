import collections
from datetime import datetime

from freezegun import freeze_time

from odoo.addons.siamo_referentiel.tests.common_jobs import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from siamo_core.icamo.returns import MEASURES
from siamo_core.icamo.sample import sample_return as a_return

from .common import IcamoCase


@tagged("post_install", "-at_install")
class TestIcamoCollection(IcamoCase):
    def test_the_administrator_imports_a_return_acknowledged_with_its_facts(self):
        with trap_jobs() as trap:
            received = self._import(a_return())
        self.assertEqual(
            (received.ipm_id, str(received.period), received.version, received.state),
            (self.ipm, "2026-10-01", 1, "current"),
        )
        self.assertTrue(received.name.startswith("AR-"))
        self.assertEqual(received.fact_count, 35)
        self.assertIn(received.name, received.message_ids[:1].body)
        trap.assert_jobs_count(1, only=self.env["siamo.icamo.indicator"]._refresh)
        workers = received.fact_ids.filtered(lambda fact: fact.measure == "workers")
        self.assertEqual(sorted(workers.mapped("value")), [100, 300])

    def test_the_warehouse_names_every_measure_of_the_format(self):
        labels = dict(self.env["siamo.icamo.fact"]._fields["measure"].selection)
        self.assertEqual(set(labels), set(MEASURES))

    def test_an_analyst_reads_the_returns_and_cannot_take_one(self):
        received = self._import(a_return())
        mine = received.with_user(self.analyst)
        self.assertEqual(mine.fact_count, 35)
        with self.assertRaises(AccessError):
            self._import(a_return(period="2026-09"), user=self.analyst)
        with self.assertRaises(AccessError):
            mine.unlink()

    def test_an_ipm_s_staff_read_no_return_of_icamo(self):
        self._import(a_return())
        with self.assertRaises(AccessError):
            self.env["siamo.icamo.return"].with_user(self.ipm_staff).search([])
        with self.assertRaises(AccessError):
            self.env["siamo.icamo.fact"].with_user(self.ipm_staff).search([])

    def test_a_refused_return_writes_nothing_and_lists_every_problem(self):
        document = a_return(period="octobre", management_costs=-5)
        with self.assertRaises(UserError) as refused:
            self._import(document)
        message = str(refused.exception)
        self.assertIn("2 problem(s)", message)
        self.assertIn("period", message)
        self.assertIn("management_costs", message)
        self.assertFalse(self.env["siamo.icamo.return"].search([("ipm_id", "=", self.ipm.id)]))
        self.assertFalse(self.env["siamo.icamo.fact"].search([("ipm_id", "=", self.ipm.id)]))

    def test_the_same_return_sent_again_keeps_its_acknowledgement(self):
        first = self._import(a_return())
        self.env.invalidate_all()  # compared with the stored document, read back
        again = self._import(a_return())
        self.assertEqual((again, first.version, first.state), (first, 1, "current"))
        self.assertEqual(
            self.env["siamo.icamo.return"].search_count([("ipm_id", "=", self.ipm.id)]), 1
        )

    def test_a_return_of_an_unknown_ipm_is_refused(self):
        with self.assertRaisesRegex(UserError, "IPM-INCONNUE"):
            self._import(a_return(ipm="IPM-INCONNUE"))

    def test_a_correction_supersedes_the_return_and_the_warehouse_answers_as_known_on(self):
        with freeze_time("2026-11-05 10:00:00"):
            first = self._import(a_return())
        corrected = a_return()
        corrected["members"][0]["workers"] = 320
        with freeze_time("2026-11-20 10:00:00"):
            second = self._import(corrected)
        self.assertEqual((second.version, second.state), (2, "current"))
        self.assertEqual(
            (first.state, first.superseded_by_id, str(first.superseded_at)),
            ("superseded", second, "2026-11-20 10:00:00"),
        )
        self.assertIn(second.name, first.message_ids[:1].body)
        cells = self.env["siamo.icamo.cell"].with_user(self.analyst)

        def workers(moment=None):
            figures = cells._figures(self.icamo, [first.period], moment)
            return sum(row[4] for row in figures if row[3] == "workers")

        self.assertEqual(workers(), 420)
        self.assertEqual(workers(datetime(2026, 11, 10)), 400)
        self.assertEqual(workers(datetime(2026, 11, 1)), 0)
        # the earlier version is kept whole
        self.assertEqual(first.with_user(self.analyst).fact_count, 35)
        # what the indicators read: each version's facts summed by région and measure
        for statement in (first, second):
            summed = collections.Counter()
            for fact in statement.fact_ids:
                summed[fact.region or "", fact.measure] += fact.value
            kept = cells.sudo().search([("return_id", "=", statement.id)])
            self.assertEqual({(c.region or "", c.measure): c.value for c in kept}, dict(summed))
            self.assertEqual(set(kept.mapped("known_until")), {statement.superseded_at})
        with self.assertRaises(UserError):
            first.with_user(self.admin).write({"state": "current"})
