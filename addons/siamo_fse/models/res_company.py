from odoo import models

CARE_EXPENSE_PREFIX = "6581"
# under 4711 "Débiteurs divers" of SYSCOHADA: what participants owe the IPM
COPAYMENT_ACCOUNT = "471110"


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
        return self._siamo_account(
            f"{CARE_EXPENSE_PREFIX}{rank:02d}",
            self.env._("AMO care – %(act_class)s", act_class=act_class.name),
            "expense",
        )

    def _siamo_copayment_account(self):
        """The receivable of the co-payments the IPM advanced to providers, until the
        participants' employers pay them back."""
        return self._siamo_account(
            COPAYMENT_ACCOUNT,
            self.env._("Participants' co-payments to recover"),
            "asset_current",
            reconcile=True,
        )

    def _siamo_account(self, code, name, account_type, reconcile=False):
        """The IPM's account ``code``, created when first needed."""
        self.ensure_one()
        accounts = self.env["account.account"].with_company(self)
        return accounts.search(
            [("company_ids", "in", self.id), ("code", "=", code)], limit=1
        ) or accounts.create(
            {
                "code": code,
                "name": name,
                "account_type": account_type,
                "reconcile": reconcile,
                "company_ids": [(6, 0, self.ids)],
            }
        )
