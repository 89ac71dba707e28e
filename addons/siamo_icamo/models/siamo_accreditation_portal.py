from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .siamo_accreditation import (
    ADMIN_GROUP,
    APPLICANT_GROUP,
    APPLICATION_FIELDS,
    REGULATOR_PARAM,
)


class SiamoAccreditation(models.Model):
    """The accreditation seen from outside ICAMO. The application as its applicant, a portal
    user of the IPM, fills and sends it: the portal's controller calls these methods, which
    check that the file is his IPM's and his to complete, then write what the applicant may
    not write himself. The accreditations in force as the public list shows them, and the
    renewal reminders before they end."""

    _inherit = "siamo.accreditation"

    def _check_applicant(self):
        """The user applies for the IPM he belongs to, and for none other."""
        user = self.env.user
        if not user.has_group(APPLICANT_GROUP) or any(
            accreditation.ipm_partner_id != user.commercial_partner_id for accreditation in self
        ):
            raise AccessError(self.env._("Only the IPM's applicant may change its application."))

    @api.model
    def _document_kinds(self):
        """The documents an applicant sends, with their labels in his language."""
        return [
            ("statutes", self.env._("Statutes")),
            ("internal_rules", self.env._("Internal Rules")),
            ("minutes", self.env._("Minutes of the Constituent General Assembly")),
            ("board", self.env._("List of the Board Members")),
            ("other", self.env._("Other Document")),
        ]

    @api.model
    def _regulator(self):
        """The regulator that takes the applications: the company of the system parameter
        ``siamo_icamo.accreditation_company_id`` when several are ICAMO, else the one."""
        companies = self.env["res.company"].sudo()
        chosen = self.env["ir.config_parameter"].sudo().get_param(REGULATOR_PARAM, "")
        regulator = companies.browse(int(chosen)).exists() if chosen.isdigit() else companies
        return regulator or companies.search([("siamo_role", "=", "icamo")], limit=1)

    @api.model
    def _portal_apply(self, values):
        """A new application of the user's IPM, a draft he completes before submitting."""
        partner = self.env.user.commercial_partner_id
        application = self.new({"ipm_partner_id": partner.id})
        application._check_applicant()
        regulator = self._regulator()
        if not regulator:
            raise UserError(self.env._("No regulator takes accreditation applications here."))
        vals = {
            "company_id": regulator.id,
            "ipm_partner_id": partner.id,
            "name": False,
            "state": "draft",
            "applicant_id": self.env.user.id,
            "region_id": partner.siamo_region_id.id,
        }
        record = self.sudo()._siamo_protected().create(vals)
        record.message_subscribe(partner_ids=self.env.user.partner_id.ids)
        # the caller's environment, without the business methods' context
        application = self.browse(record.id)
        application._portal_update(values)
        return application

    def _portal_update(self, values, documents=()):
        """The applicant changes his application (``values`` of APPLICATION_FIELDS) and adds
        ``documents`` as (kind, filename, content), while it is his to complete."""
        self._check_applicant()
        self._check_state(("draft", "more_info"), self.env._("changed by its applicant"))
        clean = {name: value for name, value in values.items() if name in APPLICATION_FIELDS}
        self.sudo()._siamo_protected().write(clean)
        self._portal_attach(documents)

    def _portal_attach(self, documents):
        attachments = self.env["ir.attachment"].sudo()
        # the kind as ICAMO reads it, whatever the applicant's language
        regulator_lang = self.sudo().company_id.partner_id.lang or self.env.lang
        labels = dict(self.with_context(lang=regulator_lang)._document_kinds())
        for kind, filename, content in documents:
            attachments.create(
                {
                    "name": filename,
                    "raw": content,
                    "description": str(labels.get(kind, labels["other"])),
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        # an attachment points to its record by (res_model, res_id): the cache cannot know
        self.invalidate_recordset(["document_ids"])

    def _portal_answer(self, answers):
        """The applicant answers ICAMO's open questions: ``answers`` {question id: text}."""
        self._check_applicant()
        self._check_state(("more_info",), self.env._("answered"))
        for question in self.sudo().question_ids.filtered(lambda q: not q.answered_on):
            answer = (answers.get(question.id) or "").strip()
            if answer:
                question.write({"answer": answer, "answered_on": fields.Datetime.now()})

    def action_submit(self):
        """The applicant sends his application, or sends it back completed, to ICAMO."""
        self._check_applicant()
        self._check_state(("draft", "more_info"), self.env._("submitted"))
        for accreditation in self.sudo():
            unanswered = accreditation.question_ids.filtered(lambda q: not q.answer)
            if unanswered:
                raise UserError(self.env._("Answer every question of ICAMO before sending."))
            if not accreditation.document_ids or not accreditation.statutes:
                raise UserError(
                    self.env._("An application gives its statutes and at least one document.")
                )
            first = accreditation.state == "draft"
            accreditation._siamo_protected().write(
                {"state": "requested", "submitted_on": fields.Datetime.now()}
            )
            accreditation.message_post(
                body=self.env._("Application submitted by %(user)s.", user=self.env.user.name)
                if first
                else self.env._(
                    "Application completed and sent back by %(user)s.", user=self.env.user.name
                ),
                author_id=self.env.user.partner_id.id,
            )

    # ------------------------------------------------------------------ public list, renewal

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
