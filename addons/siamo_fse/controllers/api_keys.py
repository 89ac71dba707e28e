from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessDenied
from odoo.http import request

from .portal import SiamoFsePortal

# how long a key works, in days: the provider's software is renewed at least once a year
DURATIONS = ("365", "180", "90")


class SiamoFseApiKeys(SiamoFsePortal):
    """A provider's API keys, from its portal: the key its software sends to the care sheet
    API (``Authorization: Bearer …``). Odoo's ``res.users.apikeys`` holds them, hashed;
    a key is shown once, when created, and stops working as soon as it is revoked."""

    @http.route("/my/api-keys", type="http", auth="user", website=True, methods=["GET"])
    def portal_my_api_keys(self, **kwargs):
        if not self._siamo_is_provider():
            return request.redirect("/my")
        return self._siamo_render_api_keys()

    @http.route("/my/api-keys/new", type="http", auth="user", website=True, methods=["POST"])
    def portal_create_api_key(self, name="", duration="365", password="", **kwargs):
        if not self._siamo_is_provider():
            return request.redirect("/my")
        errors = []
        name = (name or "").strip()
        if not name:
            errors.append(request.env._("Name the key after the software that will use it."))
        if duration not in DURATIONS:
            errors.append(request.env._("Choose how long the key works."))
        if not self._siamo_password_ok(password):
            errors.append(request.env._("Your password is not correct."))
        if errors:
            return self._siamo_render_api_keys(errors=errors, name=name)
        expiration = fields.Datetime.now() + timedelta(days=int(duration))
        # in sudo to allow a duration beyond the portal's one day; the key is the user's own
        key = request.env["res.users.apikeys"].sudo()._generate(None, name[:128], expiration)
        return self._siamo_render_api_keys(new_key=key, name=name)

    @http.route(
        "/my/api-keys/<int:key_id>/revoke",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_revoke_api_key(self, key_id, **kwargs):
        if not self._siamo_is_provider():
            return request.redirect("/my")
        key = self._siamo_api_keys().filtered(lambda k: k.id == key_id)
        if key:
            key._remove()
        return request.redirect("/my/api-keys")

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _siamo_api_keys():
        return (
            request.env["res.users.apikeys"]
            .sudo()
            .search([("user_id", "=", request.env.uid)], order="create_date desc, id desc")
        )

    @staticmethod
    def _siamo_password_ok(password):
        user = request.env.user
        credential = {"login": user.login, "password": password or "", "type": "password"}
        try:
            user._check_credentials(credential, {"interactive": True})
        except AccessDenied:
            return False
        return True

    def _siamo_render_api_keys(self, errors=(), new_key=None, name=""):
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="siamo_api_keys",
            api_keys=self._siamo_api_keys(),
            errors=list(errors),
            new_key=new_key,
            name=name,
        )
        return request.render("siamo_fse.portal_my_api_keys", values)
