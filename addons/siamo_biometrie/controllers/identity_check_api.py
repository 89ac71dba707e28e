from odoo import http
from odoo.addons.siamo_fse.controllers.fse_api import (
    API_POST,
    BadRequest,
    FseApi,
    declared_methods,
)
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.http import request

from siamo_core.exceptions import SiamoError
from siamo_core.identity_check import http_status

# the contract's answers are in French, whatever the language of the key's user
ANSWER_LANG = "fr_FR"


class IdentityCheckRefused(BadRequest):
    """An identity check that cannot be recorded: answered as the contract says,
    ``{"error": {"code", "message"}}``, nothing written."""

    @classmethod
    def of(cls, error):
        """The refusal of the FSE API's ``error`` (a bad key, an unreadable body)."""
        return cls(error.status, error.code, error.message)

    def response(self):
        body = {"error": {"code": self.code, "message": self.message}}
        return request.make_json_response(body, status=self.status)


class IdentityCheckApi(http.Controller):
    """``POST /siamo/api/v1/identity-checks``: the card-reader agent records the identity
    check it made, with the provider's API key, and gets the proof of presence a care sheet
    carries (its ``id``). See the contract in the addon's readme."""

    @http.route("/siamo/api/v1/identity-checks", **API_POST)
    @declared_methods("POST")
    def record(self):
        try:
            provider, payload = self._provider_and_body()
            check = self._record(provider, payload)
        except IdentityCheckRefused as error:
            return error.response()
        return request.make_json_response(check._siamo_api_answer(), status=201)

    @staticmethod
    def _provider_and_body():
        """The calling provider and the decoded body, read by the FSE API's helpers."""
        try:
            return FseApi._provider(), FseApi._json_body()
        except BadRequest as error:
            raise IdentityCheckRefused.of(error) from error

    @staticmethod
    def _record(provider, payload):
        env = request.env(context={**request.env.context, "lang": ANSWER_LANG})
        checks = env["siamo.identity.check"]
        try:
            with env.cr.savepoint():
                return checks._siamo_record(provider, payload, "api")
        except SiamoError as error:
            raise IdentityCheckRefused(
                http_status(error), error.code, core_error_message(env, error)
            ) from error
