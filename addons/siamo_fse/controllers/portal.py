from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.siamo_ipm.controllers.helpers import pdf_response, readable_count
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import SQL

from siamo_core.exceptions import InvalidAmount
from siamo_core.money import parse_fcfa

SUBMISSIONS_PER_PAGE = 50
SHOWN_ROWS = 200  # the newest shown; totals count every record


class SiamoFsePortal(CustomerPortal):
    """A provider follows every sheet it sent: received, or refused with its reasons."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "siamo_fse_submission_count" in counters:
            values["siamo_fse_submission_count"] = readable_count("siamo.fse.submission")
        if "siamo_settlement_count" in counters:
            values["siamo_settlement_count"] = (
                readable_count("siamo.settlement.batch") if self._siamo_is_provider() else 0
            )
        if "siamo_authorization_count" in counters:
            values["siamo_authorization_count"] = readable_count("siamo.care.authorization")
        return values

    @http.route(
        ["/my/care-sheets", "/my/care-sheets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_care_sheets(self, page=1, state=None, **kwargs):
        submissions = request.env["siamo.fse.submission"]
        if not submissions.has_access("read"):
            return request.redirect("/my")
        domain = [("state", "=", state)] if state in ("received", "rejected") else []
        pager = portal_pager(
            url="/my/care-sheets",
            url_args={"state": state} if state else {},
            total=submissions.search_count(domain),
            page=page,
            step=SUBMISSIONS_PER_PAGE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="siamo_care_sheets",
            submissions=submissions.search(
                domain, limit=SUBMISSIONS_PER_PAGE, offset=pager["offset"]
            ).sudo(),
            pager=pager,
            state=state,
        )
        return request.render("siamo_fse.portal_my_care_sheets", values)

    @http.route(
        "/siamo/fse/authorizations/<int:authorization_id>/pdf",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
    )
    def authorization_pdf(self, authorization_id, **kwargs):
        try:
            authorization = self._document_check_access(
                "siamo.care.authorization", authorization_id
            )
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        return pdf_response(
            authorization._render_pdf(), f"prise_en_charge_{authorization.name}.pdf"
        )

    # ------------------------------------------------------------------ settlements

    @http.route("/my/settlements", type="http", auth="user", website=True)
    def portal_my_settlements(self, **kwargs):
        """What the IPMs settled of the provider's sheets, what they owe it and what they paid."""
        batches = request.env["siamo.settlement.batch"]
        if not batches.has_access("read") or not self._siamo_is_provider():
            return request.redirect("/my")
        settled = batches.search([], order="date_to desc, id desc", limit=SHOWN_ROWS).sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="siamo_settlements",
            batches=settled,
            owed=self._siamo_owed(batches._search([])),
        )
        return request.render("siamo_fse.portal_my_settlements", values)

    @staticmethod
    def _siamo_owed(readable_batches):
        """What the bills of every batch the provider may read still owe it, summed by the
        database (``readable_batches``: the query of those batches, with his rules)."""
        [(owed,)] = (
            request.env["account.move"]
            .sudo()
            ._read_group(
                [
                    (
                        "id",
                        "in",
                        readable_batches.subselect(
                            SQL.identifier(readable_batches.table, "move_id")
                        ),
                    )
                ],
                aggregates=["amount_residual:sum"],
            )
        )
        return int(owed or 0)

    @http.route("/my/settlements/<int:batch_id>", type="http", auth="user", website=True)
    def portal_my_settlement(self, batch_id, **kwargs):
        try:
            batch = self._document_check_access("siamo.settlement.batch", batch_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(page_name="siamo_settlement", batch=batch)
        return request.render("siamo_fse.portal_my_settlement", values)

    # ------------------------------------------------------------------ authorizations

    @http.route("/my/authorizations", type="http", auth="user", website=True)
    def portal_my_authorizations(self, **kwargs):
        """A provider sees the authorizations issued to it, a participant his family's."""
        authorizations = request.env["siamo.care.authorization"]
        if not authorizations.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="siamo_authorizations",
            authorizations=authorizations.search([], limit=200).sudo(),
            can_request=self._siamo_is_provider(),
        )
        return request.render("siamo_fse.portal_my_authorizations", values)

    @staticmethod
    def _siamo_is_provider():
        user = request.env.user
        return user.has_group("siamo_ipm.group_portal_provider") and bool(
            user.partner_id.commercial_partner_id.siamo_provider_code
        )

    @http.route(
        "/my/authorizations/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_request_authorization(self, **post):
        if not self._siamo_is_provider():
            return request.redirect("/my")
        errors = []
        if request.httprequest.method == "POST":
            provider = request.env.user.partner_id.commercial_partner_id.sudo()
            authorization, errors = (
                request.env["siamo.care.authorization"]
                .sudo()
                ._request_from_provider(provider, self._siamo_authorization_request(post))
            )
            if authorization:
                return request.redirect("/my/authorizations")
        values = self._prepare_portal_layout_values()
        values.update(page_name="siamo_authorizations", values=post, errors=errors)
        return request.render("siamo_fse.portal_request_authorization", values)

    @staticmethod
    def _siamo_authorization_request(post):
        """The form's fields as the API's request."""
        person = (post.get("beneficiary") or "").strip()
        try:
            amount = parse_fcfa(post.get("amount") or "")
        except InvalidAmount:
            amount = None
        return {
            "beneficiary": {"nin": person}
            if person[:1] in "12" and len(person) == 13
            else {"member_number": person},
            "items": [
                code.strip() for code in (post.get("items") or "").split(",") if code.strip()
            ],
            "date_from": post.get("date_from"),
            "date_to": post.get("date_to"),
            "amount": amount,
            "reason": post.get("reason") or "",
        }
