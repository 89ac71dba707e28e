from datetime import timedelta

from odoo import api, fields, models

from .siamo_accreditation import ADMIN_GROUP


class SiamoAccreditation(models.Model):
    """The accreditations in force as the public list shows them, and the renewal reminders
    before they end."""

    _inherit = "siamo.accreditation"

    @api.model
    def _published(self, today=None):
        """The accreditations in force: granted and within their validity."""
        today = today or fields.Date.context_today(self)
        return self.sudo().search(
            [
                ("state", "=", "granted"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ],
            order="name",
        )

    def _public_row(self):
        """What the public list says of an accreditation, nothing more."""
        self.ensure_one()
        kinds = dict(self._fields["ipm_kind"]._description_selection(self.env))
        return {
            "number": self.name,
            "ipm": self.ipm_partner_id.name,
            "kind": kinds.get(self.ipm_kind, ""),
            "region": self.region_id.name or self.ipm_partner_id.siamo_region_id.name or "",
            "valid_from": fields.Date.to_string(self.date_start),
            "valid_until": fields.Date.to_string(self.date_end),
        }

    @api.model
    def _cron_renewal_reminders(self):
        """Daily: an activity for ICAMO and a mail to the applicant of each accreditation that
        ends within the regulator's reminder days, once per end of validity."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([("siamo_role", "=", "icamo")]):
            limit = today + timedelta(days=company.siamo_accreditation_reminder_days)
            ending = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "granted"),
                    ("date_end", ">=", today),
                    ("date_end", "<=", limit),
                ]
            ).filtered(lambda a: a.reminder_sent_for != a.date_end)
            lang = company.partner_id.lang or self.env.lang
            ending.with_company(company).with_context(lang=lang)._remind_renewal()

    def _remind_renewal(self):
        officer = self.env.ref(ADMIN_GROUP).users.filtered(
            lambda user: self.env.company in user.company_ids and not user._is_superuser()
        )[:1]
        for accreditation in self:
            summary = self.env._(
                "Accreditation %(number)s of %(ipm)s ends on %(end)s: renewal to prepare.",
                number=accreditation.name,
                ipm=accreditation.ipm_partner_id.name,
                end=accreditation.date_end,
            )
            accreditation.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=accreditation.date_end,
                summary=summary,
                user_id=(officer or self.env.user).id,
            )
            accreditation.message_post(
                body=summary,
                partner_ids=accreditation._applicant_partners(),
                subtype_xmlid="mail.mt_comment",
            )
            accreditation._siamo_protected().write({"reminder_sent_for": accreditation.date_end})
