from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

from .helpers import readable_count

SHOWN_ROWS = 200  # the newest shown; totals count every record
SETTLED_SHEETS = [("state", "=", "settled")]


class SiamoCarePortal(CustomerPortal):
    """A participant follows his family's care and what it left him to pay."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "siamo_copayment_count" in counters:
            values["siamo_copayment_count"] = (
                readable_count("siamo.fse", SETTLED_SHEETS)
                if request.env.user.has_group("siamo_ipm.group_portal_participant")
                else 0
            )
        return values

    @http.route("/my/copayments", type="http", auth="user", website=True)
    def portal_my_copayments(self, **kwargs):
        """A participant's care and what it left him to pay, for him and his family."""
        if not request.env.user.has_group("siamo_ipm.group_portal_participant"):
            return request.redirect("/my")
        sheets = request.env["siamo.fse"]
        shown = sheets.search(SETTLED_SHEETS, order="care_date desc, id desc", limit=SHOWN_ROWS)
        # summed by the database over every settled sheet the participant may read
        [(total,)] = sheets._read_group(SETTLED_SHEETS, aggregates=["copayment:sum"])
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="siamo_copayments",
            # found with the participant's rights; their provider is another company's partner
            sheets=shown.sudo(),
            total=int(total or 0),
        )
        return request.render("siamo_ipm.portal_my_copayments", values)
