"""Validating a batch: its sheets settled for good and the bill of the IPM's share, to the
care provider or to the reimbursed participant."""

from odoo import fields, models
from odoo.tools import SQL


class SiamoSettlementBatch(models.Model):
    # the batch is split by what its methods do: what it reads, settling, jobs, the bill
    _inherit = "siamo.settlement.batch"  # pylint: disable=consider-merging-classes-inherited

    def _mark_sheets_settled(self):
        """The batch's sheets are settled for good: one UPDATE for a hundred thousand."""
        self.env["siamo.fse"].check_access("write")
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                "UPDATE siamo_fse SET state = 'settled', write_uid = %s, write_date = %s"
                " WHERE settlement_batch_id = %s",
                self.env.uid,
                fields.Datetime.now(),
                self.id,
            )
        )
        self.env.invalidate_all()

    def _bill_lines(self, care_expenses=None):
        return self._care_expense_lines(care_expenses) + self._advanced_copayment_lines()

    def _care_expenses(self):
        """``{batch id: [(act class code, IPM share)]}``: what each of these batches pays per
        act class. A million results a batch: summed by PostgreSQL, for all the batches
        validated together at once."""
        self.env["siamo.settlement.line"].check_access("read")
        self.env.flush_all()
        expenses = {batch.id: [] for batch in self}
        for batch_id, code, amount in self.env.execute_query(
            SQL(
                """SELECT r.batch_id, r.act_class, SUM(r.ipm_share)
                     FROM siamo_settlement_line r
                    WHERE r.batch_id = ANY(%s) AND r.ipm_share > 0
                 GROUP BY 1, 2""",
                self.ids,
            )
        ):
            expenses[batch_id].append((code, amount))
        return expenses

    def _care_expense_lines(self, care_expenses=None):
        """The bill's lines of the IPM's share, one per act class on its care expense
        account; ``care_expenses`` as :meth:`_care_expenses` gives them."""
        totals = (care_expenses or self._care_expenses())[self.id]
        classes = self.env["siamo.act.class"].search(
            [("code", "in", [code for code, _s in totals])]
        )
        by_code = {act_class.code: act_class for act_class in classes}
        shares = [(by_code[code], amount) for code, amount in totals]
        return [
            fields.Command.create(
                {
                    "name": self.env._(
                        "%(batch)s – %(act_class)s", batch=self.name, act_class=act_class.name
                    ),
                    "quantity": 1,
                    "price_unit": amount,
                    "account_id": self.company_id._siamo_care_expense_account(act_class).id,
                    "tax_ids": [fields.Command.clear()],
                }
            )
            for act_class, amount in sorted(shares, key=lambda group: group[0].sequence)
        ]

    def _advanced_copayment_lines(self):
        """Where the agreement makes the IPM pay the full amount, the provider is also paid
        the co-payments, which the participants now owe the IPM."""
        groups = self.env["siamo.fse"]._read_group(
            [("settlement_batch_id", "=", self.id)], aggregates=["copayment_advanced:sum"]
        )
        advanced = groups[0][0] or 0
        if not advanced:
            return []
        return [
            fields.Command.create(
                {
                    "name": self.env._(
                        "%(batch)s – participants' co-payments advanced", batch=self.name
                    ),
                    "quantity": 1,
                    "price_unit": advanced,
                    "account_id": self.company_id._siamo_copayment_account().id,
                    "tax_ids": [fields.Command.clear()],
                }
            )
        ]

    def _payee_partner(self):
        """Who the bill is to: the provider, or the reimbursed participant's contact (made
        for him the first time he is reimbursed)."""
        if self.payee == "provider":
            return self.provider_id
        participant = self.participant_id
        if not participant.partner_id:
            # sudo: the manager who reimburses a participant gets him a contact to be paid,
            # made of the name and member number he reads, in the IPM; IPM staff do not
            # create contacts otherwise, and this one carries no access to anything
            contact = (
                self.env["res.partner"]
                .sudo()
                .create(
                    {
                        "name": participant.name,
                        "ref": participant.member_number,
                        "company_id": self.company_id.id,
                    }
                )
            )
            participant.partner_id = contact.sudo(False)
        return participant.partner_id

    def _prepare_bill_values(self, care_expenses=None):
        """The values of the batch's bill (``account.move``), or None when the IPM pays
        nothing; ``care_expenses`` as :meth:`_care_expenses` gives them, read for this batch
        when not given."""
        lines = self._bill_lines(care_expenses)
        if not lines:
            return None
        return {
            "move_type": "in_invoice",
            "company_id": self.company_id.id,
            "partner_id": self._payee_partner().id,
            "invoice_date": self.date_to,
            "ref": self.name,
            "invoice_line_ids": lines,
        }

    def _create_bill(self, care_expenses=None):
        values = self._prepare_bill_values(care_expenses)
        if not values:
            return self.env["account.move"]
        bill = self.env["account.move"].create(values)
        if self.payee == "provider":
            # what the IPM owes care providers, apart from its other suppliers
            bill.line_ids.filtered(
                lambda line: line.display_type == "payment_term"
            ).account_id = self.company_id._siamo_provider_payable_account()
        bill.action_post()
        return bill
