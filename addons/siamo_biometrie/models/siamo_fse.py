from odoo import api, fields, models
from odoo.addons.siamo_ipm.models.siamo_fse import SiamoFse as IpmSiamoFse
from odoo.osv import expression

from siamo_core.presence import presence_missing

MEDICINE_KINDS = ("medicine", "device")


class SiamoFse(models.Model):
    """The identity check a care sheet proved its beneficiary's presence with, as the intake
    verified it, and whether a sheet lacks the proof its act classes require."""

    _inherit = "siamo.fse"
    # the intake links the proof it verified: nobody changes it afterwards
    _siamo_fixed_fields = (*IpmSiamoFse._siamo_fixed_fields, "presence_check_id")

    presence_check_id = fields.Many2one(
        "siamo.identity.check",
        string="Proof of Presence",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The identity check of the beneficiary by the provider that the intake verified "
        "for this sheet.",
    )
    presence_missing = fields.Boolean(
        string="Proof of Presence Missing",
        compute="_compute_presence_missing",
        search="_search_presence_missing",
        help="A line's act class requires a proof of presence under the IPM's rules on the "
        "care date, and the sheet, paid to the provider, has none.",
    )

    @api.depends("presence_check_id", "line_ids", "care_date", "payee")
    def _compute_presence_missing(self):
        rules = self.env["siamo.ipm.rule"].sudo()
        # one look at the IPM's rules per IPM and care date, not per sheet
        required_on = {
            (company, day): rules._presence_classes_on(company, day)
            for company, day in {
                (sheet.company_id, sheet.care_date)
                for sheet in self
                if sheet.payee == "provider" and sheet.care_date
            }
        }
        for sheet in self:
            required = (
                required_on.get((sheet.company_id, sheet.care_date), frozenset())
                if sheet.payee == "provider"
                else frozenset()
            )
            classes = {
                (line.act_id.act_class_id or line.medicine_id.act_class_id).code
                for line in sheet.line_ids
            }
            sheet.presence_missing = presence_missing(
                classes, required, proven=sheet._siamo_presence_proven()
            )

    def _siamo_presence_proven(self):
        self.ensure_one()
        return self.presence_check_id.result == "confirmed"

    def _search_presence_missing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        missing = self._presence_missing_domain()
        return missing if (operator == "=") == value else ["!", *missing]

    @api.model
    def _presence_missing_domain(self):
        """The sheets paid to the provider, without a confirmed proof, one of whose lines has
        a class the rules in force on its care date require a proof for."""
        versions = self.env["siamo.ipm.rule"].search(
            [("presence_act_class_ids", "!=", False)], order="company_id, date_from"
        )
        periods = []
        for version in versions:
            later = self.env["siamo.ipm.rule"].search(
                [("company_id", "=", version.company_id.id), ("date_from", ">", version.date_from)],
                order="date_from",
                limit=1,
            )
            period = [
                ("company_id", "=", version.company_id.id),
                ("care_date", ">=", version.date_from),
                *([("care_date", "<", later.date_from)] if later else []),
                *self._presence_lines_domain(version.presence_act_class_ids),
            ]
            periods.append(period)
        if not periods:
            return expression.FALSE_DOMAIN
        return expression.AND(
            [
                [("payee", "=", "provider")],
                [
                    "|",
                    ("presence_check_id", "=", False),
                    ("presence_check_id.result", "!=", "confirmed"),
                ],
                expression.OR(periods),
            ]
        )

    def _presence_lines_domain(self, classes):
        kinds = [
            kind
            for kind in MEDICINE_KINDS
            if self.env.ref(f"siamo_referentiel.act_class_{kind}", raise_if_not_found=False)
            in classes
        ]
        lines = [[("line_ids.act_id.act_class_id", "in", classes.ids)]]
        if kinds:
            lines.append([("line_ids.medicine_id.kind", "in", kinds)])
        return expression.OR(lines)
