"""The earlier care the settlement of a batch reads: what validated settlements already paid
the families whose sheets it settles (their yearly ceilings, the acts a frequency limit
counts, the lines a duplicate repeats)."""

from datetime import date, timedelta

from odoo import models
from odoo.tools import SQL

from siamo_core.settlement import History


class SiamoSettlementBatch(models.Model):
    # the batch is split by what its methods do: what it reads, settling, jobs, the bill
    _inherit = "siamo.settlement.batch"  # pylint: disable=consider-merging-classes-inherited

    def _settlement_history(self, families, care_dates):
        """What validated settlements of ``families`` (participant ids) already paid: the
        yearly sums the ceilings need over the years of ``care_dates``, the care paid on
        those dates (for the duplicates), and the acts of the care a frequency limit counts,
        from the longest window before the first date. The engine keeps nothing else from one
        sheet to the next, and nothing across families: a batch settles family by family.
        A year of a large IPM holds millions of results: PostgreSQL sums them and reads only
        the rows that count."""
        history = History()
        if not care_dates or not families:
            return history
        self.env["siamo.settlement.line"].check_access("read")
        self.env.flush_all()
        first, last = min(care_dates), max(care_dates)
        year_end = date(last.year, 12, 31)
        yearly = self._paid_results(
            SQL(
                """EXTRACT(YEAR FROM f.care_date)::int, f.beneficiary_id,
                   COALESCE(b.participant_id, b.id), r.act_class, SUM(r.ipm_share)"""
            ),
            families,
            date(first.year, 1, 1),
            year_end,
            group_by=SQL("1, 2, 3, 4"),
        )
        for year, beneficiary, family, act_class, share in yearly:
            history.beneficiary_year[(year, str(beneficiary), act_class)] += share
            history.family_year[(year, str(family), act_class)] += share
        care = SQL("f.beneficiary_id, COALESCE(a.code, m.code), f.care_date, f.provider_id")
        for beneficiary, code, care_date, provider in self._paid_results(
            care, families, first, last
        ):
            history.settled.add((str(beneficiary), code, care_date, str(provider)))
        limited, days = self._settlement_frequency_limited()
        if limited:
            counted = SQL(
                "AND (r.act_class = ANY(%s) OR COALESCE(a.code, m.code) = ANY(%s))",
                limited,
                limited,
            )
            since = first - timedelta(days=days)
            acts = SQL("f.beneficiary_id, COALESCE(a.code, m.code), r.act_class, f.care_date")
            for beneficiary, code, act_class, care_date in self._paid_results(
                acts, families, since, year_end, counted
            ):
                history.record_act(str(beneficiary), code, act_class, care_date)
        return history

    def _settlement_frequency_limited(self):
        """The item and act class codes the IPM's packages limit in frequency, and the
        longest window in days."""
        packages = self.env["siamo.care.package"]._validated_of(self.company_id)
        limits = packages.line_ids._frequency_limits()
        return sorted(limits), max((limit.days for limit in limits.values()), default=0)

    def _paid_results(self, columns, families, date_from, date_to, where=None, group_by=None):
        """``columns`` of the results validated settlements paid to these families for care
        between the two dates."""
        return self.env.execute_query(
            SQL(
                """SELECT %s
                     FROM siamo_settlement_line r
                     JOIN siamo_fse_line l ON l.id = r.fse_line_id
                     JOIN siamo_fse f ON f.id = l.fse_id
                     JOIN siamo_settlement_batch s ON s.id = f.settlement_batch_id
                     JOIN siamo_beneficiary b ON b.id = f.beneficiary_id
                LEFT JOIN siamo_act a ON a.id = l.act_id
                LEFT JOIN siamo_medicine m ON m.id = l.medicine_id
                    WHERE s.state = 'validated' AND s.company_id = %s
                      AND COALESCE(b.participant_id, b.id) = ANY(%s)
                      AND f.care_date BETWEEN %s AND %s
                      AND r.status IN ('accepted', 'reduced')
                   %s %s""",
                columns,
                self.company_id.id,
                sorted(families),
                date_from,
                date_to,
                where or SQL(),
                SQL("GROUP BY %s", group_by) if group_by else SQL(),
            )
        )
