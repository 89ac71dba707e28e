from odoo import fields, models


class SiamoIdentityCheck(models.Model):
    _name = "siamo.identity.check"
    _description = "Identity Check at the Point of Care"
    _inherit = ["siamo.ipm.mixin"]
    _order = "checked_at desc, id desc"
    _rec_name = "beneficiary_id"

    beneficiary_id = fields.Many2one(
        "siamo.beneficiary", required=True, index=True, check_company=True
    )
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        index=True,
        check_company=True,
        domain="[('siamo_is_provider', '=', True)]",
    )
    nin = fields.Char(string="NIN Read")
    method = fields.Selection(
        [
            ("cedeao_card", "CEDEAO biometric card"),
            ("cmu_card", "CMU card"),
            ("member_card", "Member card"),
            ("manual", "Manual check"),
        ],
        required=True,
        default="cedeao_card",
    )
    result = fields.Selection(
        [
            ("match", "Identity confirmed"),
            ("mismatch", "Mismatch"),
            ("unreadable", "Card unreadable"),
        ],
        required=True,
    )
    checked_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Checked By",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
