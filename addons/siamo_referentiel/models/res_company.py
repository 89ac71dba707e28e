from odoo import api, fields, models
from odoo.exceptions import UserError

CHART_BY_REGIME = {"syscohada": "sn", "syscebnl": "sn_syscebnl"}


class ResCompany(models.Model):
    _inherit = "res.company"

    siamo_role = fields.Selection(
        [("ipm", "IPM"), ("icamo", "ICAMO")],
        string="SIAMO Role",
        help="An IPM is a health insurance fund with its own books; ICAMO is the regulator.",
    )
    siamo_ipm_kind = fields.Selection(
        [("inter", "Inter-company IPM"), ("company", "Company IPM")],
        string="IPM Kind",
    )
    siamo_accounting_regime = fields.Selection(
        [("syscohada", "SYSCOHADA revised"), ("syscebnl", "SYSCEBNL (non-profit entities)")],
        string="Accounting Regime",
        help="The chart of accounts loaded for this IPM.",
    )

    siamo_contribution_account_id = fields.Many2one(
        "account.account",
        string="Contributions Income Account",
        check_company=True,
        domain="[('account_type', '=', 'income')]",
        help="Where the contributions invoiced to member companies are booked.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # While modules load, data files call try_loading themselves (as Odoo's
        # own l10n demo companies do): the registry is not complete yet.
        if self.env.registry.loaded:
            companies.filtered("siamo_accounting_regime")._siamo_load_chart()
        return companies

    def _siamo_load_chart(self):
        """Load the Senegalese SYSCOHADA or SYSCEBNL chart on IPMs that have none yet."""
        chart_template = self.env["account.chart.template"]
        for company in self.filtered(lambda c: not c.chart_template):
            if not company.siamo_accounting_regime:
                raise UserError(
                    self.env._(
                        "Choose the accounting regime of %(company)s first.", company=company.name
                    )
                )
            chart_template.try_loading(
                CHART_BY_REGIME[company.siamo_accounting_regime],
                company,
                install_demo=False,
            )

    def _siamo_setup_ipm_accounts(self):
        """The accounts an IPM needs beyond its chart: a SYSCEBNL chart has one for members'
        contributions (701000); on SYSCOHADA revised the IPM gets its own, 706110."""
        accounts = self.env["account.account"]
        for company in self.filtered(lambda c: not c.siamo_contribution_account_id):
            company.siamo_contribution_account_id = accounts.with_company(company).search(
                [("company_ids", "in", company.id), ("code", "=", "701000")], limit=1
            ) or company._siamo_account(
                "706110",
                "AMO contributions of member companies",
                "Cotisations AMO des entreprises adhérentes",
                "income",
            )

    def _siamo_account(self, code, name, name_fr, account_type, reconcile=False):
        """The IPM's account ``code``, created at set-up when its chart lacks it, named in
        English and in French as the chart's own accounts are."""
        self.ensure_one()
        accounts = self.env["account.account"].with_company(self)
        account = accounts.search([("company_ids", "in", self.id), ("code", "=", code)], limit=1)
        if account:
            return account
        account = accounts.with_context(lang="en_US").create(
            {
                "code": code,
                "name": name,
                "account_type": account_type,
                "reconcile": reconcile,
                "company_ids": [(6, 0, self.ids)],
            }
        )
        if self.env["res.lang"]._get_code("fr_FR"):
            account.with_context(lang="fr_FR").name = name_fr
        return account

    def action_siamo_load_chart(self):
        self._siamo_load_chart()
        return True
