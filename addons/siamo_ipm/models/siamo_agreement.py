from odoo import api, fields, models
from odoo.exceptions import ValidationError

from siamo_core.tariff import tariff

# what a provider reads depends on its agreements in force (the providers' record rules)
SCOPE_FIELDS = {"state", "date_start", "date_end", "provider_id", "company_id"}


class SiamoAgreement(models.Model):
    _name = "siamo.agreement"
    _description = "Agreement between an IPM and a Care Provider"
    _inherit = ["siamo.ipm.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Reference", required=True, tracking=True)
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        domain="[('siamo_is_provider', '=', True)]",
    )
    schedule_id = fields.Many2one(
        "siamo.tariff.schedule", string="Tariff Schedule", required=True, tracking=True
    )
    date_start = fields.Date(string="Valid From", required=True, tracking=True)
    date_end = fields.Date(string="Valid Until", tracking=True)
    direct_payment = fields.Boolean(
        string="Direct Payment (tiers payant)",
        tracking=True,
        help="The IPM pays the provider its share; the participant pays only his co-payment.",
    )
    advance_copayment = fields.Boolean(
        string="IPM Pays the Full Amount",
        tracking=True,
        help="The IPM also pays the provider the participant's co-payment, then recovers it "
        "from his employer through the monthly deduction statement.",
    )
    coverage_rate = fields.Float(
        string="Coverage Rate (%)",
        digits=(5, 2),
        tracking=True,
        help="When set, the IPM's share at this provider instead of the package rate.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("terminated", "Terminated")],
        default="draft",
        required=True,
        tracking=True,
    )
    price_ids = fields.One2many(
        "siamo.agreement.price", "agreement_id", string="Negotiated Prices", copy=True
    )

    _sql_constraints = [
        (
            "coverage_rate_range",
            "CHECK(coverage_rate >= 0 AND coverage_rate <= 100)",
            "A coverage rate lies between 0 and 100 %.",
        ),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end and agreement.date_end < agreement.date_start:
                raise ValidationError(
                    self.env._(
                        "The agreement %(name)s cannot end before it starts.",
                        name=agreement.name,
                    )
                )

    def action_activate(self):
        self.state = "active"

    def action_terminate(self):
        self.state = "terminated"

    @api.model
    def _active_of(self, company, provider):
        """The active agreements of ``provider`` with ``company``, the latest start first."""
        return self.search(
            [
                ("company_id", "=", company.id),
                ("provider_id", "=", provider.commercial_partner_id.id),
                ("state", "=", "active"),
            ],
            order="date_start desc",
        )

    @api.model
    def _in_force_domain(self, on_date):
        """What "in force on ``on_date``" means: active, started, not ended. The intake, the
        settlement and the provider's scope all read it from here."""
        return [
            ("state", "=", "active"),
            ("date_start", "<=", on_date),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", on_date),
        ]

    def _in_force_on(self, on_date):
        """The agreement of these that applies on ``on_date``, the latest start winning."""
        return self.filtered_domain(self._in_force_domain(on_date))[:1]

    @api.model
    def _ipms_in_force(self, provider, on_date):
        """The IPMs ``provider`` has an agreement in force with on ``on_date``."""
        return (
            self.sudo()
            .search(
                [
                    ("provider_id", "=", provider.commercial_partner_id.id),
                    *self._in_force_domain(on_date),
                ]
            )
            .company_id
        )

    @api.model
    def _in_force(self, company, provider, on_date):
        """The active agreement of ``provider`` with ``company`` on ``on_date``, if any."""
        return self._active_of(company, provider)._in_force_on(on_date)

    def _tariff(self, item, on_date):
        """The tariff of ``item`` (an act or a medicine) under this agreement on ``on_date``."""
        self.ensure_one()
        core_item = item._to_core_item()
        values = self.env["siamo.key.letter.value"].search(
            [("schedule_id", "=", self.schedule_id.id), ("date_from", "<=", on_date)]
        )
        return tariff(
            core_item,
            on_date,
            key_letter_values=values._to_core(),
            schedule=self.schedule_id.code,
            agreement_prices=self.price_ids._to_core(),
        )

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        self._siamo_scope_changed()
        return agreements

    def write(self, vals):
        result = super().write(vals)
        if SCOPE_FIELDS & set(vals):
            self._siamo_scope_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._siamo_scope_changed()
        return result

    def _siamo_scope_changed(self):
        """The providers' record rules and their IPMs in force are read again."""
        self.env["res.partner"].invalidate_model(["siamo_agreement_ipm_ids"])
        self.env.registry.clear_cache()
