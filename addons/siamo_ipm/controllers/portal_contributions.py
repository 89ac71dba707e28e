from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

ANNEX_FORMATS = {"pdf": ".pdf", "xlsx": ".xlsx"}
SHOWN_PAYMENTS = 50


class SiamoContributionPortal(CustomerPortal):
    """A member company's contributions: what the books say it owes, its invoices with their
    annexes, its payments and the reminders it was sent."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "siamo_contribution_count" in counters:
            values["siamo_contribution_count"] = (
                request.env["account.move"].search_count(self._siamo_contribution_domain())
                if self._siamo_is_member_company()
                else 0
            )
        return values

    @staticmethod
    def _siamo_is_member_company():
        return request.env.user.has_group("siamo_ipm.group_portal_member_company")

    @staticmethod
    def _siamo_contribution_domain():
        return request.env["account.move"]._siamo_member_company_domain()

    @staticmethod
    def _siamo_books_scope():
        """The member company's own entries in the books of its IPMs."""
        user = request.env.user
        return [
            ("partner_id", "=", user.partner_id.commercial_partner_id.id),
            ("company_id", "in", user.company_ids.ids),
        ]

    def _siamo_balance(self):
        """What the company owes, as the IPM's receivable accounts say."""
        lines = request.env["account.move.line"].sudo()
        groups = lines._read_group(
            [
                *self._siamo_books_scope(),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ],
            aggregates=["balance:sum"],
        )
        return int(groups[0][0] or 0)

    def _siamo_payments(self):
        return (
            request.env["account.payment"]
            .sudo()
            .search(
                [
                    *self._siamo_books_scope(),
                    ("payment_type", "=", "inbound"),
                    ("state", "in", ("in_process", "paid")),
                ],
                order="date desc, id desc",
                limit=SHOWN_PAYMENTS,
            )
        )

    @http.route("/my/contributions", type="http", auth="user", website=True)
    def portal_my_contributions(self, **kwargs):
        if not self._siamo_is_member_company():
            return request.redirect("/my")
        invoices = request.env["account.move"].search(
            self._siamo_contribution_domain(), order="invoice_date desc, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="siamo_contributions",
            balance=self._siamo_balance(),
            # read with the user's rights; their period and annexes are the IPM's records
            invoices=invoices.sudo(),
            payments=self._siamo_payments(),
            reminders=request.env["siamo.contribution.reminder"].search([]).sudo(),
            annexes=self._siamo_annexes(invoices),
        )
        return request.render("siamo_ipm.portal_my_contributions", values)

    @staticmethod
    def _siamo_annexes(invoices):
        """{invoice id: [format, ...]} of the annexes each invoice carries."""
        attachments = (
            request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "account.move"),
                    ("res_id", "in", invoices.ids),
                    ("name", "=like", "annexe_%"),
                ]
            )
        )
        annexes = {}
        for attachment in attachments:
            for fmt, suffix in ANNEX_FORMATS.items():
                if attachment.name.endswith(suffix):
                    annexes.setdefault(attachment.res_id, []).append(fmt)
        return annexes

    @http.route(
        "/my/contributions/<int:move_id>/annex/<string:fmt>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
    )
    def portal_contribution_annex(self, move_id, fmt, access_token=None, **kwargs):
        if fmt not in ANNEX_FORMATS:
            raise request.not_found()
        try:
            invoice = self._document_check_access("account.move", move_id, access_token)
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        attachment = invoice.env["ir.attachment"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", invoice.id),
                ("name", "=like", "annexe_%" + ANNEX_FORMATS[fmt]),
            ],
            limit=1,
        )
        if not attachment:
            raise request.not_found()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )
