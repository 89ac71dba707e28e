from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import UserError

from siamo_core.package import InvalidPackage, check_package, coverage


class SiamoCarePackage(models.Model):
    _name = "siamo.care.package"
    _description = "IPM Care Package"
    _inherit = ["siamo.ipm.mixin", "mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    date_start = fields.Date(
        string="Valid From", required=True, default=fields.Date.context_today, tracking=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("validated", "Validated")],
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many("siamo.care.package.line", "package_id", string="Lines", copy=True)
    missing_benefit_ids = fields.Many2many(
        "siamo.amo.benefit",
        string="Missing Compulsory Benefits",
        compute="_compute_missing_benefit_ids",
    )

    @api.depends("line_ids.benefit_id", "line_ids.excluded")
    def _compute_missing_benefit_ids(self):
        compulsory = self.env["siamo.amo.benefit"].search([("compulsory", "=", True)])
        for package in self:
            covered = package.line_ids.filtered(lambda line: not line.excluded).benefit_id
            package.missing_benefit_ids = compulsory - covered

    def action_validate(self):
        for package in self:
            try:
                check_package(package.line_ids._to_core())
            except InvalidPackage as error:
                # the benefits by their names in the user's language, not by their codes
                names = package.missing_benefit_ids.mapped("name")
                extra = {"benefits": ", ".join(names)} if names else {}
                raise UserError(core_error_message(self.env, error, **extra)) from error
        self.state = "validated"

    def action_reset_to_draft(self):
        self.state = "draft"

    @api.model
    def _validated_of(self, company):
        """The validated packages of ``company``, the latest first."""
        return self.search(
            [("company_id", "=", company.id), ("state", "=", "validated")],
            order="date_start desc",
        )

    def _in_force_on(self, on_date):
        """The package of these in force on ``on_date``."""
        return self.filtered(lambda package: package.date_start <= on_date)[:1]

    def _coverage(self, item):
        """Say whether this package covers ``item`` (an act or a medicine record)."""
        self.ensure_one()
        core_item = item._to_core_item()
        return coverage(
            self.line_ids._to_core(),
            core_item.code,
            core_item.act_class,
            reimbursable=core_item.reimbursable,
            benefit=core_item.benefit,
        )
