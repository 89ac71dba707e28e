from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import SQL

from siamo_core.icamo.build import build_return

# the beneficiaries the IPM has at the month's end: covered by then and not gone, nor their
# employer (by the business dates, not the records' creation: an IPM that moves to SIAMO
# imports them all one day, and a month is computed again when it is corrected)
_ENROLLED = """
    b.company_id = %(company)s AND b.active
    AND (b.state != 'left' OR b.left_on > %(month_end)s)
    AND (b.left_on IS NULL OR b.left_on > %(month_end)s)
    AND COALESCE(b.first_contribution_month, b.hire_date, %(month_end)s) <= %(month_end)s
    AND NOT EXISTS (
        SELECT 1 FROM siamo_membership gone
         WHERE gone.id = b.membership_id AND gone.date_resigned <= %(month_end)s)
"""
# a beneficiary's région: where he lives, else where his participant lives, else his
# employer's
_REGION = "COALESCE(r.code, pr.code, er.code)"
_REGION_JOINS = """
    LEFT JOIN siamo_region r ON r.id = b.region_id
    LEFT JOIN siamo_beneficiary p ON p.id = b.participant_id
    LEFT JOIN siamo_region pr ON pr.id = p.region_id
    LEFT JOIN res_partner e ON e.id = COALESCE(b.employer_id, p.employer_id)
    LEFT JOIN siamo_region er ON er.id = e.siamo_region_id
"""


class SiamoIpmReturn(models.Model):
    """The figures of the return, each read with one SQL aggregate over the IPM's books: an
    IPM may have a hundred thousand beneficiaries and millions of care lines."""

    _inherit = "siamo.ipm.return"  # pylint: disable=consider-merging-classes-inherited

    def _build(self):
        """The :class:`~siamo_core.icamo.build.BuiltReturn` of this return's IPM and month."""
        self.ensure_one()
        self.env.flush_all()
        company = self.company_id
        start = self.period
        params = {
            "company": company.id,
            "month_start": start,
            "month_end": start + relativedelta(months=1, days=-1),
        }
        balances = self._balances(params)
        return build_return(
            company._siamo_icamo_code(),
            start.strftime("%Y-%m"),
            ipm_name=company.name,
            default_region=company.partner_id.siamo_region_id.code or "SN-DK",
            members=self._query(self._members_query(), params),
            beneficiaries=self._query(self._beneficiaries_query(), params),
            contributions=self._query(self._contributions_query(), params),
            care=self._query(self._care_query(), params),
            refusals=self._query(self._refusals_query(), params),
            payments=self._query(self._payments_query(), params)[0],
            balances=balances,
            care_accounts=self._care_account_codes(),
        )

    def _query(self, query, params):
        """The rows of ``query`` (a string literal) with the month's ``params`` and the
        fragments the queries share."""
        fragments = {
            "enrolled": SQL(_ENROLLED, **params),
            "region": SQL(_REGION),
            "region_joins": SQL(_REGION_JOINS),
        }
        return self.env.execute_query(SQL(query, **params, **fragments))

    def _members_query(self):
        """(région, member companies, workers) of the companies that are members at the
        month's end."""
        return """
            SELECT er.code, COUNT(DISTINCT m.id), COUNT(b.id)
              FROM siamo_membership m
              JOIN res_partner e ON e.id = m.partner_id
         LEFT JOIN siamo_region er ON er.id = e.siamo_region_id
         LEFT JOIN siamo_beneficiary b ON b.membership_id = m.id
                   AND b.relationship = 'participant' AND %(enrolled)s
             WHERE m.company_id = %(company)s
               AND m.state IN ('active', 'suspended', 'resigned')
               AND (m.date_resigned IS NULL OR m.date_resigned > %(month_end)s)
               AND COALESCE(m.date_effective, m.date_application) <= %(month_end)s
          GROUP BY 1"""

    def _beneficiaries_query(self):
        """(région, category, gender, age at the month's end, count)."""
        return """
            SELECT %(region)s, b.relationship, b.gender,
                   DATE_PART('year', AGE(%(month_end)s, b.birthdate))::int, COUNT(*)
              FROM siamo_beneficiary b %(region_joins)s
             WHERE %(enrolled)s
          GROUP BY 1, 2, 3, 4"""

    def _contributions_query(self):
        """(région, called, collected): the contributions invoiced for the periods that start
        in the month, and what the employers paid of their invoices, line by line."""
        return """
            SELECT %(region)s, SUM(l.total),
                   ROUND(SUM(l.total * (m.amount_total - m.amount_residual)
                             / NULLIF(m.amount_total, 0)))
              FROM siamo_contribution_line l
              JOIN siamo_contribution_period cp ON cp.id = l.period_id
              JOIN siamo_beneficiary b ON b.id = l.participant_id %(region_joins)s
         LEFT JOIN account_move m ON m.id = l.move_id AND m.state = 'posted'
             WHERE cp.company_id = %(company)s AND cp.state = 'invoiced'
               AND cp.date_start BETWEEN %(month_start)s AND %(month_end)s
          GROUP BY 1"""

    def _care_query(self):
        """(région, act class, sheets, lines, lines refused, claimed, settled, paid) of the
        care given in the month: settled by a validated batch, paid as its bill is."""
        return """
            SELECT %(region)s,
                   COALESCE(NULLIF(s.act_class, ''), ac.code, med.kind, 'other'),
                   COUNT(DISTINCT f.id), COUNT(l.id),
                   COUNT(s.id) FILTER (WHERE s.status = 'rejected' AND sb.state = 'validated'),
                   SUM(l.amount),
                   COALESCE(SUM(s.ipm_share) FILTER (WHERE sb.state = 'validated'), 0),
                   COALESCE(ROUND(SUM(s.ipm_share * (bill.amount_total - bill.amount_residual)
                                      / NULLIF(bill.amount_total, 0))
                                  FILTER (WHERE sb.state = 'validated')), 0)
              FROM siamo_fse f
              JOIN siamo_fse_line l ON l.fse_id = f.id
              JOIN siamo_beneficiary b ON b.id = f.beneficiary_id %(region_joins)s
         LEFT JOIN siamo_act a ON a.id = l.act_id
         LEFT JOIN siamo_act_class ac ON ac.id = a.act_class_id
         LEFT JOIN siamo_medicine med ON med.id = l.medicine_id
         LEFT JOIN siamo_settlement_line s ON s.fse_line_id = l.id
         LEFT JOIN siamo_settlement_batch sb ON sb.id = s.batch_id
         LEFT JOIN account_move bill ON bill.id = sb.move_id AND bill.state = 'posted'
             WHERE f.company_id = %(company)s AND f.state NOT IN ('draft', 'rejected')
               AND f.care_date BETWEEN %(month_start)s AND %(month_end)s
          GROUP BY 1, 2"""

    def _refusals_query(self):
        """(reason, lines, amount claimed) of the lines of the month's care a validated
        settlement refused, under each of their reasons."""
        return """
            SELECT COALESCE(NULLIF(reason, ''), 'OTHER'), COUNT(*), SUM(l.amount)
              FROM siamo_fse f
              JOIN siamo_fse_line l ON l.fse_id = f.id
              JOIN siamo_settlement_line s ON s.fse_line_id = l.id
              JOIN siamo_settlement_batch sb ON sb.id = s.batch_id AND sb.state = 'validated'
              CROSS JOIN LATERAL UNNEST(STRING_TO_ARRAY(COALESCE(s.reason_codes, ''), ' '))
                   AS reason
             WHERE f.company_id = %(company)s AND f.state NOT IN ('draft', 'rejected')
               AND f.care_date BETWEEN %(month_start)s AND %(month_end)s
               AND s.status = 'rejected'
          GROUP BY 1"""

    def _payments_query(self):
        """(bills, days): the providers' bills paid in full in the month, and the days from
        each bill to its last payment, added up."""
        return """
            WITH paid AS (
                SELECT bill.id, bill.invoice_date, MAX(pr.max_date) AS paid_on
                  FROM siamo_settlement_batch sb
                  JOIN account_move bill ON bill.id = sb.move_id
                  JOIN account_move_line due ON due.move_id = bill.id
                       AND due.display_type = 'payment_term'
                  JOIN account_partial_reconcile pr ON pr.credit_move_id = due.id
                 WHERE sb.company_id = %(company)s AND sb.payee = 'provider'
                   AND bill.payment_state IN ('paid', 'in_payment')
              GROUP BY 1, 2
            )
            SELECT COUNT(*), COALESCE(SUM(GREATEST(paid_on - invoice_date, 0)), 0)
              FROM paid
             WHERE paid_on BETWEEN %(month_start)s AND %(month_end)s"""

    def _balances(self, params):
        """(account code, balance at the month's end, balance of the month) of every account
        of the IPM's posted entries, in FCFA."""
        root = self.company_id.root_id.id
        rows = self.env.execute_query(
            SQL(
                """SELECT a.code_store ->> %(root)s, SUM(l.balance),
                          COALESCE(SUM(l.balance) FILTER (WHERE l.date >= %(month_start)s), 0)
                     FROM account_move_line l
                     JOIN account_account a ON a.id = l.account_id
                    WHERE l.company_id = %(company)s AND l.parent_state = 'posted'
                      AND l.date <= %(month_end)s
                 GROUP BY 1""",
                root=str(root),
                **params,
            )
        )
        return [(code or "", round(to_date), round(month)) for code, to_date, month in rows]

    def _care_account_codes(self):
        """The codes of the accounts the IPM books the care it pays on."""
        company = self.company_id
        accounts = company.siamo_act_class_account_ids.account_id
        accounts |= company.siamo_care_expense_account_id
        return set(accounts.with_company(company).sudo().mapped("code"))
