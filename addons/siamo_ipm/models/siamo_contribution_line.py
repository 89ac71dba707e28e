from odoo import fields, models

from siamo_core.annex import annex_pdf, annex_xlsx


class SiamoContributionLine(models.Model):
    _name = "siamo.contribution.line"
    _description = "Contribution of a Participant for a Period"
    _inherit = ["siamo.protected.mixin"]
    _order = "membership_id, participant_id"
    # computed from the salaries by the period, invoiced by it
    _siamo_protected_fields = (
        "period_id",
        "membership_id",
        "participant_id",
        "salary",
        "base",
        "employer_amount",
        "worker_amount",
        "total",
        "move_id",
    )
    _siamo_protected_unlink = True

    period_id = fields.Many2one(
        "siamo.contribution.period", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    membership_id = fields.Many2one("siamo.membership", required=True, index=True)
    employer_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True)
    participant_id = fields.Many2one("siamo.beneficiary", required=True, index=True)
    salary = fields.Integer(string="Salary (FCFA)")
    base = fields.Integer(string="Contribution Base (FCFA)")
    employer_amount = fields.Integer(string="Employer Share (FCFA)")
    worker_amount = fields.Integer(string="Worker Share (FCFA)")
    total = fields.Integer(string="Contribution (FCFA)")
    move_id = fields.Many2one("account.move", string="Invoice", index=True, copy=False)

    def _siamo_final(self):
        return self.filtered(lambda line: line.period_id.state == "invoiced")

    def _siamo_final_reason(self):
        return self.period_id._siamo_final_reason()

    def _annex_lines(self):
        return [
            {
                "member_number": line.participant_id.member_number or "",
                "name": line.participant_id.name,
                "payroll_number": line.participant_id.payroll_number,
                "salary": line.salary,
                "base": line.base,
                "employer": line.employer_amount,
                "worker": line.worker_amount,
                "total": line.total,
            }
            for line in self
        ]

    def _attach_annexes(self, move):
        """The per-participant annex of ``move``, as PDF and spreadsheet attachments."""
        lines = self._annex_lines()
        move._siamo_attach_annex(
            annex_pdf(move.siamo_contribution_period_id.name, move.partner_id.name, lines),
            annex_xlsx(lines),
        )
