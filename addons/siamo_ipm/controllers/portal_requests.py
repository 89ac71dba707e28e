from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from siamo_core.exceptions import InvalidAmount, SiamoError
from siamo_core.identifiers import parse_nin
from siamo_core.money import parse_fcfa

from .helpers import readable_count

OPEN_MEMBERSHIP_STATES = ("accepted", "active", "suspended")
MAX_DOCUMENTS = 10


class SiamoRequestPortal(CustomerPortal):
    """A member company asks its IPM to add or remove a beneficiary, or sends its staff and
    salary list. It writes nothing itself: the IPM accepts or refuses each request."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "siamo_request_count" in counters:
            values["siamo_request_count"] = readable_count("siamo.member.request")
        return values

    @staticmethod
    def _siamo_memberships():
        """The memberships of the user's company in the IPMs he may reach."""
        user = request.env.user
        if not user.has_group("siamo_ipm.group_portal_member_company"):
            return request.env["siamo.membership"]
        return (
            request.env["siamo.membership"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", user.partner_id.commercial_partner_id.id),
                    ("company_id", "in", user.company_ids.ids),
                    ("state", "in", OPEN_MEMBERSHIP_STATES),
                ]
            )
        )

    def _siamo_membership(self, membership_id=None):
        memberships = self._siamo_memberships()
        if membership_id:
            memberships = memberships.filtered(lambda m: str(m.id) == str(membership_id))
        return memberships[:1]

    def _siamo_render_form(self, template, values, errors=None, **extra):
        page = self._prepare_portal_layout_values()
        page.update(
            page_name="siamo_requests",
            memberships=self._siamo_memberships(),
            values=values,
            errors=errors or [],
            today=fields.Date.context_today(request.env.user),
            **extra,
        )
        return request.render(template, page)

    # ------------------------------------------------------------------ list and detail

    @http.route("/my/requests", type="http", auth="user", website=True)
    def portal_my_requests(self, **kwargs):
        requests = request.env["siamo.member.request"]
        if not requests.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="siamo_requests",
            member_requests=requests.search([]).sudo(),
            can_ask=bool(self._siamo_memberships()),
        )
        return request.render("siamo_ipm.portal_my_requests", values)

    @http.route("/my/requests/<int:request_id>", type="http", auth="user", website=True)
    def portal_my_request(self, request_id, access_token=None, **kwargs):
        try:
            member_request = self._document_check_access(
                "siamo.member.request", request_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            member_request,
            access_token,
            {"page_name": "siamo_request", "member_request": member_request},
            "my_requests_history",
            False,
        )
        return request.render("siamo_ipm.portal_my_request", values)

    # ------------------------------------------------------------------ add a beneficiary

    @http.route("/my/requests/add", type="http", auth="user", website=True, methods=["GET"])
    def portal_request_add_form(self, **kwargs):
        if not self._siamo_memberships():
            return request.redirect("/my")
        return self._siamo_render_form(
            "siamo_ipm.portal_request_add", kwargs, participants=self._siamo_participants()
        )

    @staticmethod
    def _siamo_participants():
        return request.env["siamo.beneficiary"].search(
            [("relationship", "=", "participant"), ("left_on", "=", False)], order="name"
        )

    @http.route("/my/requests/add", type="http", auth="user", website=True, methods=["POST"])
    def portal_request_add(self, **post):
        membership = self._siamo_membership(post.get("membership_id"))
        if not membership:
            return request.redirect("/my")
        values, errors = self._siamo_addition_values(membership, post)
        if errors:
            return self._siamo_render_form(
                "siamo_ipm.portal_request_add",
                post,
                errors,
                participants=self._siamo_participants(),
            )
        member_request = (
            request.env["siamo.member.request"]
            .sudo()
            ._submit(membership, "add", values, self._siamo_documents())
        )
        return request.redirect(member_request.access_url)

    def _siamo_addition_values(self, membership, post):
        """The request values of the addition form, and the French errors that stop it."""
        errors = []
        env = request.env
        relationship = post.get("relationship")
        values = {
            "name_to_add": (post.get("name") or "").strip(),
            "relationship": relationship,
            "gender": post.get("gender") or False,
            "payroll_number": (post.get("payroll_number") or "").strip() or False,
            "disabled": bool(post.get("disabled")),
        }
        if not values["name_to_add"]:
            errors.append(env._("Give the name of the beneficiary."))
        if relationship not in ("participant", "spouse", "child"):
            errors.append(env._("Say whether it is a worker, a spouse or a child."))
        if values["gender"] not in (False, "male", "female"):
            errors.append(env._("The gender is not one of the choices."))
        if relationship in ("spouse", "child"):
            participant = self._siamo_participants().filtered(
                lambda p: (
                    str(p.id) == str(post.get("participant_id")) and p.membership_id == membership
                )
            )
            if not participant:
                errors.append(env._("Choose the worker this dependent depends on."))
            values["participant_id"] = participant.id
        for field in ("birthdate", "hire_date", "student_until", "apprentice_until"):
            values[field], error = self._siamo_date(post.get(field))
            if error:
                errors.append(error)
        if relationship == "child" and not values["birthdate"]:
            errors.append(env._("A child's birth date decides his rights: give it."))
        values["salary"], error = self._siamo_salary(post.get("salary"))
        if error:
            errors.append(error)
        nin = (post.get("nin") or "").strip()
        if nin:
            try:
                values["nin"] = parse_nin(nin).number
            except SiamoError as invalid:
                errors.append(core_error_message(env, invalid))
        return values, errors

    @staticmethod
    def _siamo_date(text):
        if not text:
            return False, None
        try:
            return fields.Date.to_date(text), None
        except ValueError:
            return False, request.env._("%(date)s is not a date.", date=text)

    @staticmethod
    def _siamo_salary(text):
        if not text:
            return 0, None
        try:
            return parse_fcfa(text), None
        except InvalidAmount:
            return 0, request.env._("The salary is a whole number of FCFA, such as 250000.")

    @staticmethod
    def _siamo_documents():
        files = request.httprequest.files.getlist("documents")
        return [(file.filename, file.read()) for file in files if file.filename][:MAX_DOCUMENTS]

    # ------------------------------------------------------------------ remove a beneficiary

    @http.route(
        "/my/requests/remove/<int:beneficiary_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_request_remove(self, beneficiary_id, **post):
        beneficiary = self._siamo_own_beneficiary(beneficiary_id)
        membership = beneficiary and self._siamo_membership(beneficiary.membership_id.id)
        if not membership:
            return request.redirect("/my")
        if request.httprequest.method == "GET":
            return self._siamo_render_form(
                "siamo_ipm.portal_request_remove", post, beneficiary=beneficiary
            )
        date_effective, error = self._siamo_date(post.get("date_effective"))
        errors = [error] if error else []
        if not date_effective and not error:
            errors.append(request.env._("Give the date the beneficiary leaves."))
        reason = (post.get("reason") or "").strip()
        if not reason:
            errors.append(request.env._("Say why the beneficiary leaves."))
        if errors:
            return self._siamo_render_form(
                "siamo_ipm.portal_request_remove", post, errors, beneficiary=beneficiary
            )
        member_request = (
            request.env["siamo.member.request"]
            .sudo()
            ._submit(
                membership,
                "remove",
                {
                    "beneficiary_id": beneficiary.id,
                    "date_effective": date_effective,
                    "reason": reason,
                },
                self._siamo_documents(),
            )
        )
        return request.redirect(member_request.access_url)

    @staticmethod
    def _siamo_own_beneficiary(beneficiary_id):
        beneficiary = request.env["siamo.beneficiary"].browse(beneficiary_id)
        try:
            beneficiary.check_access("read")
            return beneficiary.sudo().exists()
        except (AccessError, MissingError):
            return request.env["siamo.beneficiary"]

    # ------------------------------------------------------------------ staff list

    @http.route(
        "/my/requests/staff", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_request_staff(self, **post):
        membership = self._siamo_membership(post.get("membership_id"))
        if not membership:
            return request.redirect("/my")
        if request.httprequest.method == "GET":
            return self._siamo_render_form("siamo_ipm.portal_request_staff", post)
        upload = request.httprequest.files.get("staff_file")
        if not upload or not upload.filename:
            return self._siamo_render_form(
                "siamo_ipm.portal_request_staff",
                post,
                [request.env._("Choose the staff and salary file to send.")],
            )
        try:
            member_request, check = (
                request.env["siamo.member.request"]
                .sudo()
                ._submit_staff_list(membership, upload.filename, upload.read())
            )
        except (UserError, ValidationError) as error:
            return self._siamo_render_form(
                "siamo_ipm.portal_request_staff", post, [str(error.args[0])]
            )
        if not member_request:
            return self._siamo_render_form(
                "siamo_ipm.portal_request_staff",
                post,
                [
                    request.env._(
                        "%(count)s row(s) of the file have errors: nothing was sent. Correct "
                        "them and send the file again.",
                        count=check.error_count,
                    )
                ],
                report=check.report_html,
            )
        return request.redirect(member_request.access_url)
