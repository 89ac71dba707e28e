from datetime import timedelta

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request

from siamo_core.icamo.returns import period_text
from siamo_core.money import format_fcfa

RETURNS_PER_PAGE = 40
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the biggest file a correspondent may upload: a month's return is a few kilobytes
MAX_UPLOAD = 5 * 1024 * 1024


class SiamoIcamoPortal(CustomerPortal):
    """The ICAMO portal of an IPM's correspondents: its returns, the spreadsheet template of
    a month, and the upload of a filled template with its problems shown line by line.

    Record rules decide which IPMs and returns a correspondent reads; whatever id is typed,
    nothing of another IPM shows, and a return is taken only for an IPM he reads."""

    def _icamo_ipms(self):
        """The IPMs whose returns the user sends (none for anyone else)."""
        ipms = request.env["siamo.icamo.ipm"]
        if not request.env.user.has_group("siamo_icamo.group_icamo_correspondent"):
            return ipms
        return ipms.search([("correspondent_ids", "in", request.env.uid)])

    def _icamo_ipm(self, ipm_id):
        """The IPM ``ipm_id`` if the user sends its returns, else an empty recordset."""
        ipms = self._icamo_ipms()
        try:
            return ipms.filtered(lambda ipm: ipm.id == int(ipm_id or 0))
        except ValueError:
            return ipms.browse()

    @staticmethod
    def _default_period():
        """The month whose return is due next: last month."""
        today = fields.Date.context_today(request.env.user)
        return (today.replace(day=1) - timedelta(days=1)).replace(day=1)

    @staticmethod
    def _period(text):
        """The first day of the month ``text`` (2026-10), or None."""
        try:
            year, month = (int(part) for part in (text or "").split("-"))
            return fields.Date.to_date(f"{year:04d}-{month:02d}-01")
        except ValueError:
            return None

    def _returns_values(self, page=1, problems=None, upload=None):
        ipms = self._icamo_ipms()
        returns = request.env["siamo.icamo.return"]
        domain = [("ipm_id", "in", ipms.ids)]
        pager = portal_pager(
            url="/my/icamo",
            total=returns.search_count(domain),
            page=page,
            step=RETURNS_PER_PAGE,
        )
        today = fields.Date.context_today(request.env.user)
        values = self._prepare_portal_layout_values()
        values.update(
            ipms=ipms,
            # found with the user's rights; shown with the supersedings, which are his too
            returns=returns.search(domain, limit=RETURNS_PER_PAGE, offset=pager["offset"]).sudo(),
            late={ipm: ipm.sudo()._late_months(today) for ipm in ipms},
            pager=pager,
            page_name="siamo_icamo_returns",
            default_period=period_text(self._default_period()),
            problems=problems or [],
            problems_title=request.env._(
                "The file “%(name)s” was not taken: %(count)s problem(s) to correct.",
                name=(upload or {}).get("filename", ""),
                count=len(problems or []),
            ),
            upload=upload or {},
        )
        return values

    @http.route(["/my/icamo", "/my/icamo/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_icamo(self, page=1, **kwargs):
        if not self._icamo_ipms():
            return request.redirect("/my")
        return request.render("siamo_icamo.portal_my_icamo_returns", self._returns_values(page))

    @http.route("/my/icamo/returns/<int:return_id>", type="http", auth="user", website=True)
    def portal_my_icamo_return(self, return_id, received=None, **kwargs):
        try:
            statement = self._document_check_access("siamo.icamo.return", return_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            statement=statement,
            totals=self._totals(statement.document or {}),
            supersedes=statement.search([("superseded_by_id", "=", statement.id)], limit=1),
            just_received=bool(received),
            received_text=self._received_text(statement),
            page_name="siamo_icamo_return",
        )
        return request.render("siamo_icamo.portal_my_icamo_return", values)

    def _received_text(self, statement):
        return statement.env["siamo.icamo.return"]._acknowledgement(
            statement,
            statement.search([("superseded_by_id", "=", statement.id)], limit=1),
        )

    @staticmethod
    def _totals(document):
        """The main figures of a return, as its page shows them: (label, text)."""

        def total(section, figure):
            return sum(row.get(figure, 0) for row in document.get(section, []))

        def shown(label, value, amount):
            text = format_fcfa(value) if amount else f"{value:,}".replace(",", "\u202f")
            return label, text

        figures = [
            (request.env._("Member companies"), total("members", "companies"), False),
            (request.env._("Workers"), total("members", "workers"), False),
            (request.env._("Beneficiaries"), total("beneficiaries", "count"), False),
            (request.env._("Contributions called"), total("contributions", "called"), True),
            (request.env._("Contributions collected"), total("contributions", "collected"), True),
            (request.env._("Care claimed"), total("care", "claimed"), True),
            (request.env._("Care settled"), total("care", "settled"), True),
            (request.env._("Care paid"), total("care", "paid"), True),
            (request.env._("Management costs"), document.get("management_costs", 0), True),
        ]
        return [shown(*figure) for figure in figures]

    @http.route("/my/icamo/template", type="http", auth="user", website=True)
    def portal_my_icamo_template(self, ipm_id=None, period=None, **kwargs):
        ipm = self._icamo_ipm(ipm_id)
        month = self._period(period) or self._default_period()
        if not ipm:
            return request.redirect("/my")
        content = ipm.sudo()._return_template(month)
        return self._xlsx(content, f"etat-{ipm.code}-{period_text(month)}.xlsx")

    @http.route(
        "/my/icamo/returns/<int:return_id>/spreadsheet", type="http", auth="user", website=True
    )
    def portal_my_icamo_return_spreadsheet(self, return_id, **kwargs):
        """The return as the filled template, to correct it and upload it again."""
        try:
            statement = self._document_check_access("siamo.icamo.return", return_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        content = statement.ipm_id._return_template(statement.period, statement.document)
        name = f"etat-{statement.ipm_id.code}-{statement.period_label}-v{statement.version}.xlsx"
        return self._xlsx(content, name)

    @staticmethod
    def _xlsx(content, filename):
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route("/my/icamo/upload", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_icamo_upload(self, ipm_id=None, file=None, **kwargs):
        ipm = self._icamo_ipm(ipm_id)
        if not ipm:
            return request.redirect("/my")
        upload = {"ipm_id": ipm.id, "filename": getattr(file, "filename", "") or ""}
        content = file.read(MAX_UPLOAD + 1) if file else b""
        problems = self._upload_problems(content)
        if not problems:
            try:
                # a refusal raised half-way writes nothing
                with request.env.cr.savepoint():
                    received, problems = ipm.sudo()._receive_spreadsheet(
                        upload["filename"], content
                    )
            except UserError as error:
                problems = [self._file_problem(error.args[0])]
        if problems:
            values = self._returns_values(problems=problems, upload=upload)
            return request.render("siamo_icamo.portal_my_icamo_returns", values)
        return request.redirect(f"/my/icamo/returns/{received.id}?received=1")

    def _upload_problems(self, content):
        if not content:
            return [self._file_problem(request.env._("Choose the filled file to upload."))]
        if len(content) > MAX_UPLOAD:
            return [
                self._file_problem(
                    request.env._(
                        "The file is larger than %(size)s MB: a return is much smaller; "
                        "upload the filled template.",
                        size=MAX_UPLOAD // (1024 * 1024),
                    )
                )
            ]
        return []

    @staticmethod
    def _file_problem(reason):
        return {"sheet": "", "row": False, "column": "", "value": "", "reason": reason}
