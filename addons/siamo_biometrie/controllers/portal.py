from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.siamo_ipm.controllers.helpers import readable_count
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from siamo_core.exceptions import SiamoError

from ..models.res_config_settings import AGENT_PORT_PARAMETER, DEFAULT_AGENT_PORT

CHECKS_PER_PAGE = 40


def agent_url(env):
    """Where the card-reader agent answers on the provider's own computer."""
    port = env["ir.config_parameter"].sudo().get_param(AGENT_PORT_PARAMETER)
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = DEFAULT_AGENT_PORT
    if not 0 < port < 65536:
        port = DEFAULT_AGENT_PORT
    return f"http://127.0.0.1:{port}"


class SiamoIdentityCheckPortal(CustomerPortal):
    """A provider checks identities with the card-reader agent and reads the checks it made;
    a participant reads the checks made with his family's cards. Record rules decide what
    each one reads: whatever id is typed, nothing else shows."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "siamo_identity_check_count" in counters:
            values["siamo_identity_check_count"] = readable_count("siamo.identity.check")
        if "siamo_identity_check_new" in counters:
            values["siamo_identity_check_new"] = 1 if self._siamo_checking_provider() else 0
        return values

    @staticmethod
    def _siamo_checking_provider():
        """The care provider the portal user checks identities for, or an empty recordset."""
        user = request.env.user
        provider = user.partner_id.commercial_partner_id
        if (
            not user.has_group("siamo_ipm.group_portal_provider")
            or not provider.sudo().siamo_is_provider
        ):
            return request.env["res.partner"]
        return provider

    @http.route(
        ["/my/identity-checks", "/my/identity-checks/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_identity_checks(self, page=1, **kwargs):
        checks = request.env["siamo.identity.check"]
        if not checks.has_access("read"):
            return request.redirect("/my")
        pager = portal_pager(
            url="/my/identity-checks",
            total=checks.search_count([]),
            page=page,
            step=CHECKS_PER_PAGE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            # found with the user's rights; shown with the beneficiary the check names,
            # which a provider does not read on its own (the API answers it the same)
            checks=checks.search([], limit=CHECKS_PER_PAGE, offset=pager["offset"]).sudo(),
            pager=pager,
            page_name="siamo_identity_checks",
            is_provider=bool(self._siamo_checking_provider()),
        )
        return request.render("siamo_biometrie.portal_my_identity_checks", values)

    @http.route("/my/identity-checks/<int:check_id>", type="http", auth="user", website=True)
    def portal_my_identity_check(self, check_id, **kwargs):
        try:
            check = self._document_check_access("siamo.identity.check", check_id)
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        values = self._prepare_portal_layout_values()
        values.update(check=check.sudo(), page_name="siamo_identity_check")
        return request.render("siamo_biometrie.portal_my_identity_check", values)

    @http.route("/my/identity-checks/new", type="http", auth="user", website=True)
    def portal_check_identity(self, **kwargs):
        if not self._siamo_checking_provider():
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(page_name="siamo_identity_check_new", agent_url=agent_url(request.env))
        return request.render("siamo_biometrie.portal_check_identity", values)

    @http.route("/my/identity-checks/record", type="json", auth="user", methods=["POST"])
    def portal_record_identity_check(self, payload=None, **kwargs):
        """Record the check the agent made on the provider's computer (its answer, the
        beneficiary and the practitioner the page adds): the proof of presence, or the
        reason of the refusal, in the user's language. A refusal writes nothing."""
        env = request.env
        provider = self._siamo_checking_provider()
        if not provider:
            message = env._("Only a care provider's portal user can record an identity check.")
            return {"error": {"code": "not_a_provider", "message": message}}
        try:
            with env.cr.savepoint():
                check = env["siamo.identity.check"]._siamo_record(provider, payload, "portal")
        except SiamoError as error:
            return {"error": {"code": error.code, "message": core_error_message(env, error)}}
        return check._siamo_api_answer()
