from odoo import api, fields, models
from odoo.exceptions import ValidationError

from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identifiers import parse_ninea, parse_rccm

PROVIDER_KINDS = [
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
]


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
    siamo_provider_kind = fields.Selection(PROVIDER_KINDS, string="Provider Kind")
    siamo_provider_sector = fields.Selection(
        [("public", "Public"), ("private", "Private")], string="Provider Sector"
    )
    siamo_region_id = fields.Many2one("siamo.region", string="Administrative Region")
    siamo_department_id = fields.Many2one(
        "siamo.department",
        string="Administrative Department",
        domain="[('region_id', '=?', siamo_region_id)]",
    )

    @api.depends("siamo_ninea")
    def _compute_siamo_ninea_warning(self):
        for partner in self:
            partner.siamo_ninea_warning = (
                partner.siamo_ninea and self._siamo_parse_ninea(partner.siamo_ninea).warning
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
                raise ValidationError(str(error)) from error
        return vals

    @api.model
    def _siamo_parse_ninea(self, value):
        try:
            return parse_ninea(value)
        except InvalidIdentifier as error:
            raise ValidationError(str(error)) from error
