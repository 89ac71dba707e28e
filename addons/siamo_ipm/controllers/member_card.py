from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from .helpers import pdf_response


class MemberCardController(http.Controller):
    @http.route("/siamo/ipm/cards", type="http", auth="user", methods=["GET"], readonly=True)
    def member_cards(self, ids="", **kwargs):
        """The member cards of the beneficiaries ``ids`` (comma-separated) the user may read."""
        try:
            record_ids = [int(part) for part in ids.split(",") if part.strip()]
        except ValueError as error:
            raise request.not_found() from error
        beneficiaries = request.env["siamo.beneficiary"].browse(record_ids)
        try:
            beneficiaries.check_access("read")
            beneficiaries.mapped("name")
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        if not beneficiaries:
            raise request.not_found()
        # the user may read these beneficiaries: the card also shows their IPM and cover
        pdf = beneficiaries.sudo()._render_cards()
        filename = (
            f"carte_{beneficiaries.member_number}.pdf"
            if len(beneficiaries) == 1
            else "cartes_adherents.pdf"
        )
        return pdf_response(pdf, filename)
