from decimal import Decimal

from odoo import api, fields, models
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import ValidationError

from siamo_core.exceptions import SiamoError
from siamo_core.ipm_rules import IpmRules, check_rules
from siamo_core.medical_control import ControlRules
from siamo_core.reminders import DEFAULT_STEPS, schedule

# the core's name of a rule, where the field that holds it is named otherwise
CORE_RULE_FIELDS = {"due_days": "contribution_due_days"}


class SiamoIpmRule(models.Model):
    """The rules of an IPM from a date on; a change is a new version, history stays."""

    _name = "siamo.ipm.rule"
    _description = "IPM Rules"
    _inherit = ["siamo.ipm.mixin", "mail.thread"]
    _order = "company_id, date_from desc"
    _rec_name = "date_from"

    date_from = fields.Date(string="Effective Date", required=True, tracking=True)
    contribution_rate = fields.Float(
        string="Contribution Rate (%)", digits=(5, 2), default=6.0, required=True, tracking=True
    )
    employer_share = fields.Float(
        string="Employer Share (%)", digits=(5, 2), default=50.0, required=True, tracking=True
    )
    salary_ceiling = fields.Integer(
        string="Monthly Salary Ceiling (FCFA)", default=250_000, required=True, tracking=True
    )
    waiting_months = fields.Integer(
        string="Waiting Period (months)", default=2, required=True, tracking=True
    )
    grace_days = fields.Integer(
        string="Grace Period (days)",
        default=60,
        required=True,
        tracking=True,
        help="Days after the due date of an unpaid contribution before rights are suspended.",
    )
    child_age_limit = fields.Integer(default=21, required=True)
    student_age_limit = fields.Integer(default=26, required=True)
    apprentice_age_limit = fields.Integer(default=23, required=True)
    disabled_child_covered = fields.Boolean(
        string="Disabled Children Covered Without Age Limit", default=True
    )
    max_spouses = fields.Integer(string="Spouses Covered", default=4, required=True)
    late_surcharge_rate = fields.Float(
        string="Late-Payment Surcharge (%)", digits=(5, 2), default=5.0
    )
    reminder_days = fields.Char(
        string="Reminders (days after due date)",
        default="15,30",
        required=True,
        help="Days after the due date when an unpaid company gets a reminder, comma-separated.",
    )
    contribution_due_days = fields.Integer(
        string="Contributions Due (days after the period)",
        default=15,
        required=True,
        tracking=True,
        help="Days after the end of a contribution period for the member companies to pay it.",
    )
    formal_notice_days = fields.Integer(
        string="Formal Notice (days after due date)", default=60, required=True
    )
    control_random_rate = fields.Float(
        string="Care Sheets Drawn at Random (%)",
        digits=(5, 2),
        default=5.0,
        tracking=True,
        help="The share of settled care sheets the medical officer reviews, drawn at random.",
    )
    control_amount_threshold = fields.Integer(
        string="Review Sheets from (FCFA)",
        default=200_000,
        tracking=True,
        help="Every care sheet claiming this amount or more is reviewed; 0 for none.",
    )
    control_peer_deviation = fields.Float(
        string="Review Providers Above Their Peers by (%)",
        digits=(5, 2),
        default=50.0,
        tracking=True,
    )
    control_max_providers_per_day = fields.Integer(
        string="Providers a Day Before Review",
        default=3,
        tracking=True,
        help="A beneficiary seen by more providers the same day has his sheets reviewed.",
    )
    presence_act_class_ids = fields.Many2many(
        "siamo.act.class",
        "siamo_ipm_rule_presence_act_class_rel",
        "rule_id",
        "act_class_id",
        string="Act Classes Requiring a Proof of Presence",
        help="The settlement rejects a line of these classes on a sheet paid to the provider "
        "that comes without a verified proof of presence (an identity check of the "
        "beneficiary by the provider, made at most 24 hours before the care).",
    )
    period = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly")],
        string="Contribution Period",
        default="monthly",
        required=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "control_random_rate_range",
            "CHECK(control_random_rate >= 0 AND control_random_rate <= 100)",
            "The share of sheets drawn at random lies between 0 and 100 %.",
        ),
        (
            "version_unique",
            "unique(company_id, date_from)",
            "An IPM has one version of its rules per effective date.",
        ),
    ]

    @api.constrains(
        "contribution_rate",
        "employer_share",
        "salary_ceiling",
        "waiting_months",
        "grace_days",
        "child_age_limit",
        "student_age_limit",
        "apprentice_age_limit",
        "max_spouses",
        "late_surcharge_rate",
        "period",
        "contribution_due_days",
    )
    def _check_against_the_law(self):
        for rule in self:
            try:
                check_rules(rule._to_core())
            except SiamoError as error:
                raise ValidationError(rule._core_error_message(error)) from error

    @api.constrains("reminder_days", "formal_notice_days")
    def _check_reminder_schedule(self):
        for rule in self:
            try:
                rule._reminder_steps()
            except SiamoError as error:
                raise ValidationError(rule._core_error_message(error)) from error

    def _core_error_message(self, error):
        """The core's refusal in the user's language, a rule named by its field's label."""
        name = error.params.get("rule")
        name = CORE_RULE_FIELDS.get(name, name) if isinstance(name, str) else name
        field = self._fields.get(name) if isinstance(name, str) else None
        extra = {"rule": field._description_string(self.env)} if field else {}
        return core_error_message(self.env, error, **extra)

    def _reminder_steps(self):
        self.ensure_one()
        return schedule(self.reminder_days, self.formal_notice_days)

    @api.model
    def _in_force(self, company, on_date):
        """The version of ``company``'s rules in force on ``on_date``, if it has any."""
        return self.search(
            [("company_id", "=", company.id), ("date_from", "<=", on_date)],
            order="date_from desc",
            limit=1,
        )

    @api.model
    def _reminder_steps_on(self, company, on_date):
        rule = self._in_force(company, on_date)
        return rule._reminder_steps() if rule else DEFAULT_STEPS

    def _to_core(self):
        self.ensure_one()
        return IpmRules(
            contribution_rate=Decimal(str(self.contribution_rate)) / 100,
            employer_share=Decimal(str(self.employer_share)) / 100,
            salary_ceiling=self.salary_ceiling,
            waiting_months=self.waiting_months,
            grace_days=self.grace_days,
            child_age_limit=self.child_age_limit,
            student_age_limit=self.student_age_limit,
            apprentice_age_limit=self.apprentice_age_limit,
            disabled_child_covered=self.disabled_child_covered,
            max_spouses=self.max_spouses,
            late_surcharge_rate=Decimal(str(self.late_surcharge_rate)) / 100,
            period=self.period,
            due_days=self.contribution_due_days,
        )

    @api.model
    def _control_rules_on(self, company, on_date):
        """The medical-control thresholds of ``company`` on ``on_date``."""
        rule = self._in_force(company, on_date)
        if not rule:
            return ControlRules()
        return ControlRules(
            random_rate=Decimal(str(rule.control_random_rate)) / 100,
            amount_threshold=rule.control_amount_threshold or None,
            peer_deviation=Decimal(str(rule.control_peer_deviation)) / 100,
            max_providers_per_day=rule.control_max_providers_per_day,
        )

    @api.model
    def _presence_classes_on(self, company, on_date):
        """The codes of the act classes whose lines ``company`` pays on ``on_date`` only with
        a proof of presence."""
        rule = self._in_force(company, on_date)
        return frozenset(rule.presence_act_class_ids.mapped("code"))

    @api.model
    def _rules_on(self, company, on_date):
        """The core rules of ``company`` in force on ``on_date`` (the law's defaults if none)."""
        rule = self._in_force(company, on_date)
        return rule._to_core() if rule else IpmRules()
