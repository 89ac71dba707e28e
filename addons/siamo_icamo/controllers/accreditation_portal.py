from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from ..models.siamo_accreditation import APPLICANT_GROUP, APPLICATION_FIELDS, DOCUMENT_KINDS

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
COUNT_FIELDS = ("worker_count", "member_company_count")


class SiamoAccreditationPortal(CustomerPortal):
    """The applicant of an IPM applies for its accreditation, follows his applications and
    answers ICAMO's questions. He writes nothing himself: the model's portal methods check
    that the file is his IPM's and his to complete."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "siamo_accreditation_count" in counters:
            accreditations = request.env["siamo.accreditation"]
            values["siamo_accreditation_count"] = (
                accreditations.search_count([]) if self._siamo_accr_is_applicant() else 0
            )
        return values

    @staticmethod
    def _siamo_accr_is_applicant():
        return request.env.user.has_group(APPLICANT_GROUP)

    def _siamo_accr_render(self, template, **values):
        page = self._prepare_portal_layout_values()
        page.update(
            page_name="siamo_accreditations",
            document_kinds=request.env["siamo.accreditation"]._document_kinds(),
            regions=request.env["siamo.region"].sudo().search([]),
            **values,
        )
        return request.render(template, page)

    @staticmethod
    def _siamo_accr_values(post):
        """The application's fields from the form, as the model takes them, or the error."""
        values = {name: (post.get(name) or "").strip() for name in APPLICATION_FIELDS}
        region = values["region_id"]
        known = region.isdigit() and request.env["siamo.region"].sudo().browse(int(region)).exists()
        values["region_id"] = known.id if known else False
        values["ipm_kind"] = values["ipm_kind"] or False
        for name in COUNT_FIELDS:
            if values[name] and not values[name].isdigit():
                return values, request.env._("Headcounts are whole numbers.")
            values[name] = int(values[name] or 0)
        return values, None

    @staticmethod
    def _siamo_accr_documents():
        documents = []
        for kind in DOCUMENT_KINDS:
            for upload in request.httprequest.files.getlist(f"doc_{kind}"):
                if upload.filename:
                    content = upload.read(MAX_DOCUMENT_SIZE + 1)
                    if len(content) > MAX_DOCUMENT_SIZE:
                        raise UserError(request.env._("A document is at most 20 MB."))
                    documents.append((kind, upload.filename, content))
        return documents

    def _siamo_accr_application(self, accreditation_id):
        accreditation = request.env["siamo.accreditation"].browse(accreditation_id).exists()
        if not accreditation:
            raise MissingError(request.env._("This application does not exist."))
        accreditation.check_access("read")
        return accreditation

    # ------------------------------------------------------------------ pages

    @http.route("/my/accreditations", type="http", auth="user", website=True)
    def portal_my_accreditations(self, **kwargs):
        if not self._siamo_accr_is_applicant():
            return request.redirect("/my")
        return self._siamo_accr_render(
            "siamo_icamo.portal_my_accreditations",
            accreditations=request.env["siamo.accreditation"].search([], order="id desc"),
        )

    @staticmethod
    def _siamo_accr_save(accreditation, values, documents, post):
        """The applicant's file updated, ICAMO's questions answered, sent when he asks."""
        accreditation._portal_update(values, documents)
        if accreditation.state == "more_info":
            accreditation._portal_answer(
                {
                    question.id: post.get(f"answer_{question.id}", "")
                    for question in accreditation.question_ids
                }
            )
        if post.get("submit"):
            accreditation.action_submit()
        return request.redirect(f"/my/accreditations/{accreditation.id}")

    @http.route(
        "/my/accreditations/new", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_accreditation_new(self, **post):
        if not self._siamo_accr_is_applicant():
            return request.redirect("/my")
        if request.httprequest.method != "POST":
            return self._siamo_accr_render(
                "siamo_icamo.portal_accreditation_form", accreditation=None, values={}
            )
        values, error = self._siamo_accr_values(post)
        accreditation = None
        if not error:
            try:
                documents = self._siamo_accr_documents()
                accreditation = request.env["siamo.accreditation"]._portal_apply({})
                return self._siamo_accr_save(accreditation, values, documents, post)
            except (AccessError, UserError) as failure:
                error = failure.args[0]
        # a draft made before the failure is the one the applicant goes on with
        return self._siamo_accr_render(
            "siamo_icamo.portal_accreditation_form",
            accreditation=accreditation.sudo() if accreditation else None,
            values=post,
            error=error,
        )

    @http.route(
        "/my/accreditations/<int:accreditation_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_accreditation(self, accreditation_id, **post):
        try:
            accreditation = self._siamo_accr_application(accreditation_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        error = None
        if request.httprequest.method == "POST":
            values, error = self._siamo_accr_values(post)
            if not error:
                try:
                    documents = self._siamo_accr_documents()
                    return self._siamo_accr_save(accreditation, values, documents, post)
                except (AccessError, UserError) as failure:
                    error = failure.args[0]
        return self._siamo_accr_render(
            "siamo_icamo.portal_accreditation_form",
            accreditation=accreditation.sudo(),
            values=post if error else {},
            error=error,
        )
