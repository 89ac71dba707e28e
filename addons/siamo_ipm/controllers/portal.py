from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from .helpers import readable_count

BENEFICIARIES_PER_PAGE = 40


class SiamoPortal(CustomerPortal):
    """The member company sees its workers and their families; the participant his family.

    Record rules decide what each one reads: whatever id is typed, nothing else shows."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "siamo_beneficiary_count" in counters:
            values["siamo_beneficiary_count"] = readable_count("siamo.beneficiary")
        return values

    @http.route(
        ["/my/beneficiaries", "/my/beneficiaries/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_beneficiaries(self, page=1, search=None, **kwargs):
        beneficiaries = request.env["siamo.beneficiary"]
        if not beneficiaries.has_access("read"):
            return request.redirect("/my")
        domain = []
        if search:
            domain = ["|", ("name", "ilike", search), ("member_number", "ilike", search)]
        pager = portal_pager(
            url="/my/beneficiaries",
            url_args={"search": search} if search else {},
            total=beneficiaries.search_count(domain),
            page=page,
            step=BENEFICIARIES_PER_PAGE,
        )
        records = beneficiaries.search(
            domain,
            order="employer_id, participant_id, relationship, name",
            limit=BENEFICIARIES_PER_PAGE,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            # found with the user's rights; shown with their employer and IPM, which the
            # portal user may not read on their own
            beneficiaries=records.sudo(),
            pager=pager,
            page_name="siamo_beneficiaries",
            default_url="/my/beneficiaries",
            search=search,
        )
        return request.render("siamo_ipm.portal_my_beneficiaries", values)

    @http.route("/my/beneficiaries/<int:beneficiary_id>", type="http", auth="user", website=True)
    def portal_my_beneficiary(self, beneficiary_id, **kwargs):
        try:
            beneficiary = self._document_check_access("siamo.beneficiary", beneficiary_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(beneficiary=beneficiary, page_name="siamo_beneficiary")
        return request.render("siamo_ipm.portal_my_beneficiary", values)
