from odoo import api, fields, models
from odoo.addons.siamo_ipm.models.siamo_fse import SiamoFse as IpmSiamoFse
from odoo.osv import expression

from siamo_core.presence import PAYEE, presence_missing, required_classes


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
        named_on = {
            (company, day): rules._presence_classes_on(company, day)
            for company, day in {(sheet.company_id, sheet.care_date) for sheet in self}
            if day
        }
        for sheet in self:
            required = required_classes(
                sheet.payee, named_on.get((sheet.company_id, sheet.care_date), ())
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
        periods = [
            [
                ("company_id", "=", version.company_id.id),
                ("care_date", ">=", version.date_from),
                *([("care_date", "<", until)] if until else []),
                *self._presence_lines_domain(version.presence_act_class_ids),
            ]
            for version, until in self._presence_rule_periods()
        ]
        if not periods:
            return expression.FALSE_DOMAIN
        return expression.AND(
            [
                [("payee", "=", PAYEE)],
                [
                    "|",
                    ("presence_check_id", "=", False),
                    ("presence_check_id.result", "!=", "confirmed"),
                ],
                expression.OR(periods),
            ]
        )

    @api.model
    def _presence_rule_periods(self):
        """``[(rule version, until)]``: each version of the IPMs' rules that names act classes
        needing a proof, and the date the next version of its IPM starts (None: in force
        still), from one read of the versions of the IPMs the user works in."""
        versions = self.env["siamo.ipm.rule"].search(
            [("company_id", "in", self.env.companies.ids)], order="company_id, date_from"
        )
        periods = []
        for version, following in zip(versions, [*versions[1:], None], strict=True):
            if not version.presence_act_class_ids:
                continue
            same_ipm = following and following.company_id == version.company_id
            periods.append((version, following.date_from if same_ipm else None))
        return periods

    def _presence_lines_domain(self, classes):
        kinds = self.env["siamo.medicine"]._kinds_in_classes(classes)
        lines = [[("line_ids.act_id.act_class_id", "in", classes.ids)]]
        if kinds:
            lines.append([("line_ids.medicine_id.kind", "in", kinds)])
        return expression.OR(lines)
