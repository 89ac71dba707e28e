from odoo import api, fields, models
from odoo.exceptions import ValidationError

from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identifiers import parse_ninea, parse_rccm
from siamo_core.referentials import must_have_own_ipm

from ..tools.core_errors import core_error_message


class ResPartner(models.Model):
    _inherit = "res.partner"

    siamo_ninea = fields.Char(string="NINEA", tracking=True, index=True)
    siamo_ninea_warning = fields.Char(
        string="NINEA Warning", compute="_compute_siamo_ninea_warning"
    )
    siamo_rccm = fields.Char(string="RCCM", tracking=True)
    siamo_css_number = fields.Char(string="CSS Employer Number")
    siamo_ipres_number = fields.Char(string="IPRES Employer Number")
    siamo_is_provider = fields.Boolean(string="Care Provider", index=True)
    siamo_provider_kind = fields.Selection(
        [
            ("hospital", "Hospital"),
            ("health_centre", "Health Centre"),
            ("health_post", "Health Post"),
            ("clinic", "Clinic"),
            ("office", "Doctor's Office"),
            ("pharmacy", "Pharmacy"),
            ("laboratory", "Laboratory"),
            ("imaging", "Imaging Centre"),
            ("dental", "Dental Practice"),
            ("optician", "Optician"),
        ],
        string="Provider Kind",
    )
    siamo_provider_sector = fields.Selection(
        [("public", "Public"), ("private", "Private")], string="Provider Sector"
    )
    siamo_headcount = fields.Integer(string="Headcount", tracking=True)
    siamo_must_have_own_ipm = fields.Boolean(
        string="Must Have Its Own IPM",
        compute="_compute_siamo_must_have_own_ipm",
        help="A company of 300 workers or more must have its own IPM (décret 2012-832).",
    )
    siamo_provider_code = fields.Char(string="Provider Code", index=True, copy=False)
    siamo_accreditation_number = fields.Char(string="ICAMO Accreditation Number")
    siamo_accreditation_date_start = fields.Date(string="Accredited From")
    siamo_accreditation_date_end = fields.Date(string="Accredited Until")
    siamo_accreditation_state = fields.Selection(
        [
            ("none", "Not Accredited"),
            ("accredited", "Accredited"),
            ("suspended", "Suspended"),
            ("withdrawn", "Withdrawn"),
        ],
        string="Accreditation Status",
        default="none",
        tracking=True,
    )
    siamo_practitioner_ids = fields.One2many(
        "siamo.practitioner", "provider_id", string="Practitioners"
    )
    siamo_commune_id = fields.Many2one("siamo.commune", string="Commune", index=True)
    siamo_department_id = fields.Many2one(
        "siamo.department",
        string="Administrative Department",
        compute="_compute_siamo_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    siamo_region_id = fields.Many2one(
        "siamo.region",
        string="Administrative Region",
        compute="_compute_siamo_region_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )

    _sql_constraints = [
        (
            "siamo_provider_code_unique",
            "unique(siamo_provider_code)",
            "Two care providers cannot share the same provider code.",
        ),
        (
            "siamo_headcount_positive",
            "CHECK(siamo_headcount >= 0)",
            "A headcount cannot be negative.",
        ),
    ]

    @api.depends("siamo_commune_id")
    def _compute_siamo_department_id(self):
        for partner in self.filtered("siamo_commune_id"):
            partner.siamo_department_id = partner.siamo_commune_id.department_id

    @api.depends("siamo_department_id")
    def _compute_siamo_region_id(self):
        for partner in self.filtered("siamo_department_id"):
            partner.siamo_region_id = partner.siamo_department_id.region_id

    @api.depends("siamo_headcount")
    def _compute_siamo_must_have_own_ipm(self):
        for partner in self:
            partner.siamo_must_have_own_ipm = must_have_own_ipm(partner.siamo_headcount)

    @api.depends("siamo_ninea")
    @api.depends_context("lang")
    def _compute_siamo_ninea_warning(self):
        for partner in self:
            warning = partner.siamo_ninea and self._siamo_parse_ninea(partner.siamo_ninea).warning
            partner.siamo_ninea_warning = (
                core_error_message(self.env, warning) if warning else False
            )

    @api.constrains("siamo_is_provider", "siamo_provider_kind")
    def _check_siamo_provider_kind(self):
        for partner in self.filtered(lambda p: p.siamo_is_provider and not p.siamo_provider_kind):
            raise ValidationError(
                self.env._(
                    "Choose the kind of the care provider %(name)s.", name=partner.display_name
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._siamo_normalize_identifiers(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._siamo_normalize_identifiers(vals))

    @api.model
    def _siamo_normalize_identifiers(self, vals):
        """Store identifiers in their canonical form so that searches find them."""
        vals = dict(vals)
        if vals.get("siamo_ninea"):
            vals["siamo_ninea"] = self._siamo_parse_ninea(vals["siamo_ninea"]).number
        if vals.get("siamo_rccm"):
            try:
                vals["siamo_rccm"] = parse_rccm(vals["siamo_rccm"]).number
            except InvalidIdentifier as error:
                raise ValidationError(core_error_message(self.env, error)) from error
        return vals

    @api.model
    def _siamo_parse_ninea(self, value):
        try:
            return parse_ninea(value)
        except InvalidIdentifier as error:
            raise ValidationError(core_error_message(self.env, error)) from error
