from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestIpmTenancy(TransactionCase):
    def _create_ipm(self, name, regime):
        return self.env["res.company"].create(
            {
                "name": name,
                "country_id": self.env.ref("base.sn").id,
                "currency_id": self.env.ref("base.XOF").id,
                "siamo_role": "ipm",
                "siamo_ipm_kind": "inter",
                "siamo_accounting_regime": regime,
            }
        )

    def _account_codes(self, company):
        accounts = (
            self.env["account.account"]
            .with_company(company)
            .search([("company_ids", "in", company.id)])
        )
        return set(accounts.mapped("code"))

    def test_ipm_gets_the_senegalese_syscohada_chart(self):
        ipm = self._create_ipm("IPM Test SYSCOHADA", "syscohada")
        self.assertEqual(ipm.chart_template, "sn")
        codes = self._account_codes(ipm)
        self.assertTrue({"411100", "401100"} <= codes, codes & {"411100", "401100"})
        self.assertEqual(ipm.currency_id.name, "XOF")
        self.assertEqual(ipm.siamo_contribution_account_id.with_company(ipm).code, "706110")

    def test_non_profit_ipm_gets_syscebnl(self):
        ipm = self._create_ipm("IPM Test SYSCEBNL", "syscebnl")
        self.assertEqual(ipm.chart_template, "sn_syscebnl")
        self.assertEqual(ipm.siamo_contribution_account_id.with_company(ipm).code, "701000")

    def test_company_without_regime_has_no_chart_loaded(self):
        company = self.env["res.company"].create({"name": "Sans régime"})
        self.assertFalse(company.chart_template)
