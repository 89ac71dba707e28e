from odoo import api, fields, models
from odoo.exceptions import UserError

# The accounts the care path books, chosen in the IPM's own chart (the reasons are in the
# README, "Accounts"). Each is a sub-account of an account of the chart, created with the
# chart: nothing is created when a batch is validated or a statement posted.
# {regime: (code, name, French name, account type, reconcile)}
PROVIDERS = ("Suppliers – care providers", "Fournisseurs – prestataires de soins")
PROVIDER_PAYABLE = {
    # 4011 Fournisseurs / 401 Fournisseurs, dettes en compte: providers are suppliers
    "syscohada": ("401110", *PROVIDERS, "liability_payable", True),
    "syscebnl": ("401100", *PROVIDERS, "liability_payable", True),
}
ADVANCED = ("Advanced co-payments to recover", "Quotes-parts avancées à recouvrer")
COPAYMENT_RECEIVABLE = {
    # 4711 Débiteurs divers: what the participants owe through their employers
    "syscohada": ("471110", *ADVANCED, "asset_current", False),
    "syscebnl": ("471110", *ADVANCED, "asset_current", False),
}
# 6057 Achats d'études et prestations de services / 601 Achats de biens et services liés à
# l'activité: the care the fund buys for its members is the service it delivers
CARE_EXPENSE_ROOT = {"syscohada": "6057", "syscebnl": "6011"}
# the national act classes, each on its own sub-account (by code, never by position);
# a class the IPM adds later is booked on "other care" until the IPM chooses its account
CARE_EXPENSE_SUFFIX = {
    "consultation": ("01", "consultations", "consultations"),
    "biology": ("02", "biology", "biologie"),
    "imaging": ("03", "imaging", "imagerie"),
    "surgery": ("04", "surgery", "chirurgie"),
    "dental": ("05", "dental care", "soins dentaires"),
    "optics": ("06", "optics", "optique"),
    "delivery": ("07", "deliveries", "accouchements"),
    "hospitalisation": ("08", "hospitalisation", "hospitalisation"),
    "transport": ("09", "medical transport", "transport sanitaire"),
    "physiotherapy": ("10", "physiotherapy", "kinésithérapie"),
    "medicine": ("11", "medicines", "médicaments"),
    "device": ("12", "medical devices", "dispositifs médicaux"),
}
OTHER_CARE = ("99", "other care", "autres soins")
CARE_EXPENSE_NAME = ("AMO care – %s", "Prestations de soins AMO – %s")


class ResCompany(models.Model):
    _inherit = "res.company"

    siamo_care_expense_account_id = fields.Many2one(
        "account.account",
        string="Care Expense Account (other care)",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="The IPM's share of care of an act class without an account of its own.",
    )
    siamo_copayment_account_id = fields.Many2one(
        "account.account",
        string="Co-payments to Recover Account",
        check_company=True,
        domain="[('account_type', '=', 'asset_current')]",
        help="The co-payments the IPM advanced to providers, until the participants' "
        "employers pay them back through the deduction statements.",
    )
    siamo_provider_payable_account_id = fields.Many2one(
        "account.account",
        string="Care Providers Payable Account",
        check_company=True,
        domain="[('account_type', '=', 'liability_payable')]",
        help="What the IPM owes the care providers for their settled care sheets.",
    )
    siamo_act_class_account_ids = fields.One2many(
        "siamo.act.class.account", "company_id", string="Care Expense Accounts"
    )
    # where the IPM sends its monthly returns (siamo.ipm.return); the manager sets it
    siamo_icamo_code = fields.Char(
        string="Code at ICAMO",
        groups="siamo_ipm.group_ipm_manager",
        help="The code ICAMO knows the IPM by, which its returns carry; the IPM's partner "
        "reference when empty.",
    )
    siamo_icamo_delivery = fields.Selection(
        [
            ("none", "Not Sent"),
            ("local", "ICAMO in this database"),
            ("remote", "ICAMO at a remote address"),
        ],
        string="Returns Sent To",
        default="none",
        groups="siamo_ipm.group_ipm_manager",
    )
    siamo_icamo_url = fields.Char(
        string="ICAMO Address",
        groups="siamo_ipm.group_ipm_manager",
        help="The address of ICAMO's server, such as https://icamo.sn.",
    )
    siamo_icamo_api_key = fields.Char(
        string="ICAMO API Key",
        groups="siamo_ipm.group_ipm_manager",
        copy=False,
        help="The API key of the IPM's correspondent at ICAMO.",
    )

    def _siamo_icamo_code(self):
        """The code the IPM's returns carry: its code at ICAMO, else its partner's
        reference, else ``IPM-`` and its partner's id (as ICAMO names an IPM it follows
        from its accreditation register)."""
        self.ensure_one()
        company = self.sudo()
        partner = company.partner_id
        return company.siamo_icamo_code or partner.ref or f"IPM-{partner.id}"

    def _siamo_regime(self):
        """``syscebnl`` when the IPM keeps its books on SYSCEBNL, else ``syscohada``."""
        self.ensure_one()
        chart = self.chart_template or ""
        if "syscebnl" in chart or self.siamo_accounting_regime == "syscebnl":
            return "syscebnl"
        return "syscohada"

    def _siamo_setup_ipm_accounts(self):
        """Beyond the contributions account: the care expense accounts (one per national act
        class and one for other care), the co-payments receivable and the providers payable,
        in the IPM's chart. Run when the chart is loaded and when this addon is installed or
        updated; what exists already is kept, so an IPM's own choices stay."""
        result = super()._siamo_setup_ipm_accounts()
        for company in self.filtered(lambda company: company.chart_template):
            company._siamo_setup_care_accounts()
        return result

    @api.model
    def _siamo_setup_existing_ipms(self):
        """The IPMs whose chart was loaded before this addon was installed."""
        self.search(
            [("siamo_role", "=", "ipm"), ("chart_template", "!=", False)]
        )._siamo_setup_ipm_accounts()

    def _siamo_setup_care_accounts(self):
        self.ensure_one()
        regime = self._siamo_regime()
        if not self.siamo_provider_payable_account_id:
            self.siamo_provider_payable_account_id = self._siamo_account(*PROVIDER_PAYABLE[regime])
        if not self.siamo_copayment_account_id:
            self.siamo_copayment_account_id = self._siamo_account(*COPAYMENT_RECEIVABLE[regime])
        root = CARE_EXPENSE_ROOT[regime]
        if not self.siamo_care_expense_account_id:
            self.siamo_care_expense_account_id = self._siamo_care_account(root, *OTHER_CARE)
        mapped = self.siamo_act_class_account_ids.act_class_id
        classes = self.env["siamo.act.class"].search(
            [("code", "in", list(CARE_EXPENSE_SUFFIX)), ("id", "not in", mapped.ids)]
        )
        self.env["siamo.act.class.account"].create(
            [
                {
                    "company_id": self.id,
                    "act_class_id": act_class.id,
                    "account_id": self._siamo_care_account(
                        root, *CARE_EXPENSE_SUFFIX[act_class.code]
                    ).id,
                }
                for act_class in classes
            ]
        )

    def _siamo_care_account(self, root, suffix, label, label_fr):
        return self._siamo_account(
            root + suffix, CARE_EXPENSE_NAME[0] % label, CARE_EXPENSE_NAME[1] % label_fr, "expense"
        )

    # ------------------------------------------------------------------ what the path books

    def _siamo_care_expense_account(self, act_class):
        """The IPM's care expense account of ``act_class``: the one the IPM chose for the
        class, else its account of other care."""
        self.ensure_one()
        mapping = self.env["siamo.act.class.account"].search(
            [("company_id", "=", self.id), ("act_class_id", "=", act_class.id)], limit=1
        )
        account = mapping.account_id or self.siamo_care_expense_account_id
        if not account:
            raise UserError(
                self.env._(
                    "%(ipm)s has no care expense account for %(act_class)s: choose one in "
                    "Care Sheets > Configuration > Care Expense Accounts.",
                    ipm=self.name,
                    act_class=act_class.name,
                )
            )
        return account

    def _siamo_copayment_account(self):
        """The receivable of the co-payments the IPM advanced to providers."""
        return self._siamo_chosen_account(
            "siamo_copayment_account_id",
            self.env._(
                "%(ipm)s has no account for the co-payments to recover: an administrator "
                "chooses it on the IPM's company form, SIAMO tab.",
                ipm=self.name,
            ),
        )

    def _siamo_provider_payable_account(self):
        """The payable of what the IPM owes care providers."""
        return self._siamo_chosen_account(
            "siamo_provider_payable_account_id",
            self.env._(
                "%(ipm)s has no account for what it owes care providers: an administrator "
                "chooses it on the IPM's company form, SIAMO tab.",
                ipm=self.name,
            ),
        )

    def _siamo_chosen_account(self, field_name, missing):
        """The account the IPM chose in ``field_name``; ``missing`` says where to choose it."""
        self.ensure_one()
        if not self[field_name]:
            raise UserError(missing)
        return self[field_name]
