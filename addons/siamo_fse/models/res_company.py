from odoo import models

CARE_EXPENSE_PREFIX = "6581"


class ResCompany(models.Model):
    _inherit = "res.company"

    def _siamo_care_expense_account(self, act_class):
        """The IPM's care expense account of ``act_class`` (6581xx, one per act class),
        created the first time care of that class is billed."""
        self.ensure_one()
        rank = self.env["siamo.act.class"].search_count(
            [
                "|",
                ("sequence", "<", act_class.sequence),
                "&",
                ("sequence", "=", act_class.sequence),
                ("id", "<=", act_class.id),
            ]
        )
        code = f"{CARE_EXPENSE_PREFIX}{rank:02d}"
        accounts = self.env["account.account"].with_company(self)
        return accounts.search(
            [("company_ids", "in", self.id), ("code", "=", code)], limit=1
        ) or accounts.create(
            {
                "code": code,
                "name": self.env._("AMO care – %(act_class)s", act_class=act_class.name),
                "account_type": "expense",
                "company_ids": [(6, 0, self.ids)],
            }
        )
