import functools
import json

from werkzeug.exceptions import RequestEntityTooLarge

from odoo import http
from odoo.http import request

from siamo_core.fse import SCHEMA, Rejection, check_document
from siamo_core.fse.fhir import InvalidClaim, from_claim, to_claim_response
from siamo_core.fse.schema import json_problems

from ..models.siamo_fse_intake import IntakeConflict

MAX_BODY = 8 * 1024 * 1024
# a provider's software calls with its API key, and keeps no session
API_POST = {
    "type": "http",
    "auth": "bearer",
    "methods": ["POST"],
    "csrf": False,
    "save_session": False,
}
MAX_BATCH = 500
# a sheet received by another request at the same moment: this one starts again as its retry
CONFLICT_ATTEMPTS = 3


class BadRequest(Exception):
    """The request as a whole cannot be read: answered 4xx, nothing stored."""

    def __init__(self, status, code, message, details=()):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details

    def response(self):
        body = {"error": self.code, "message": self.message}
        if self.details:
            body["reasons"] = list(self.details)
        return request.make_json_response(body, status=self.status)


def _refuse_constant(name):
    raise ValueError(f"{name} n'est pas un nombre JSON")


def declared_methods(*methods):
    """Werkzeug lets an OPTIONS request reach any route: answer it here, without processing,
    and refuse any other method the route does not declare."""

    def decorate(handler):
        @functools.wraps(handler)
        def guarded(self, *args, **kwargs):
            method = request.httprequest.method
            if method in methods:
                return handler(self, *args, **kwargs)
            allow = ", ".join((*methods, "OPTIONS"))
            if method == "OPTIONS":
                return request.make_response("", status=204, headers=[("Allow", allow)])
            response = BadRequest(
                405, "method_not_allowed", f"Méthode {method} non permise : {allow}."
            ).response()
            response.headers["Allow"] = allow
            return response

        return guarded

    return decorate


class FseApi(http.Controller):
    """The provider's door into the hub: ``POST /siamo/api/v1/fse`` takes one sheet or a batch
    in the siamo-fse/1.0 format, ``POST /siamo/api/v1/fhir/Claim`` one FHIR ``Claim``. The
    provider authenticates with the API key of its user (``Authorization: Bearer …``)."""

    @http.route("/siamo/api/v1/fse/schema", type="http", auth="none", methods=["GET"])
    def schema(self):
        return request.make_json_response(SCHEMA)

    @http.route("/siamo/api/v1/fse", **API_POST)
    @declared_methods("POST")
    def submit(self):
        try:
            provider = self._provider()
            payload = self._json_body()
            documents, batch = self._documents(payload)
            if not batch:
                self._refuse_malformed(documents[0])
            answers = self._receive(provider, documents, "api")
        except BadRequest as error:
            return error.response()
        if batch:
            return request.make_json_response({"acknowledgements": answers})
        return request.make_json_response(answers[0], status=self._status(answers[0]))

    @http.route("/siamo/api/v1/fhir/Claim", **API_POST)
    @declared_methods("POST")
    def submit_claim(self):
        try:
            provider = self._provider()
            payload = self._json_body()
            if not isinstance(payload, dict) or payload.get("resourceType") != "Claim":
                raise BadRequest(400, "not_a_claim", "Le corps doit être une ressource FHIR Claim.")
            try:
                document = from_claim(payload)
            except InvalidClaim as error:
                raise BadRequest(
                    400,
                    "invalid_claim",
                    "Ressource Claim invalide.",
                    [rejection.as_dict() for rejection in error.rejections],
                ) from error
            self._refuse_malformed(document)
            [answer] = self._receive(provider, [document], "fhir")
        except BadRequest as error:
            return error.response()
        response = to_claim_response(answer, payload)
        return request.make_json_response(
            json.loads(response.model_dump_json()), status=self._status(answer)
        )

    @http.route("/siamo/api/v1/authorizations", **API_POST)
    @declared_methods("POST")
    def request_authorization(self):
        """A provider asks for a care authorization; the IPM grants or refuses it."""
        try:
            provider = self._provider()
            payload = self._json_body()
            if not isinstance(payload, dict):
                raise BadRequest(400, "not_an_object", "Un objet JSON est attendu.")
            authorizations = request.env["siamo.care.authorization"].sudo()
            authorization, errors = authorizations._request_from_provider(provider, payload)
            if errors:
                raise BadRequest(422, "invalid_request", " ".join(errors))
        except BadRequest as error:
            return error.response()
        return request.make_json_response(authorization._api_answer(), status=201)

    @http.route(
        "/siamo/api/v1/authorizations/<string:number>",
        type="http",
        auth="bearer",
        methods=["GET"],
        save_session=False,
        readonly=True,
    )
    @declared_methods("GET", "HEAD")
    def read_authorization(self, number):
        """Where an authorization stands; a provider reads only those issued to it."""
        try:
            provider = self._provider()
        except BadRequest as error:
            return error.response()
        # with the provider's own rights: the record rules the portal reads with
        authorization = request.env["siamo.care.authorization"].search(
            [("name", "=", number), ("provider_id", "=", provider.id)], limit=1
        )
        if not authorization:
            return BadRequest(404, "not_found", "Prise en charge inconnue.").response()
        return request.make_json_response(authorization.sudo()._api_answer())

    @http.route(
        "/siamo/api/v1/fhir/ClaimResponse/<string:sheet_id>",
        type="http",
        auth="bearer",
        methods=["GET"],
        save_session=False,
        readonly=True,
    )
    @declared_methods("GET", "HEAD")
    def claim_response(self, sheet_id):
        """The settlement of one of the provider's sheets (by its own sheet id), as FHIR."""
        try:
            provider = self._provider()
        except BadRequest as error:
            return error.response()
        # with the provider's own rights: only the IPMs it has an agreement in force with
        sheet = request.env["siamo.fse"].search(
            [("provider_id", "=", provider.id), ("provider_sheet_id", "=", sheet_id)], limit=1
        )
        if not sheet:
            return BadRequest(404, "not_found", "Feuille inconnue.").response()
        if not sheet.sudo()._settled():
            return BadRequest(409, "not_settled", "Feuille pas encore liquidée.").response()
        response = sheet.sudo()._claim_response()
        return request.make_json_response(json.loads(response.model_dump_json()))

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _provider():
        user = request.env.user
        provider = user.partner_id.commercial_partner_id
        if not (
            user.has_group("siamo_ipm.group_portal_provider")
            and provider.siamo_is_provider
            and provider.siamo_provider_code
        ):
            raise BadRequest(
                403, "not_a_provider", "Cette clé n'appartient pas à un prestataire de soins."
            )
        return provider.sudo()

    @staticmethod
    def _json_body():
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY:
            raise BadRequest(413, "too_large", f"Corps limité à {MAX_BODY // 1024 // 1024} Mo.")
        try:
            httprequest.max_content_length = MAX_BODY
            body = httprequest.get_data(cache=False)
        except RequestEntityTooLarge as error:
            raise BadRequest(413, "too_large", "Corps trop volumineux.") from error
        if len(body) > MAX_BODY:
            raise BadRequest(413, "too_large", "Corps trop volumineux.")
        try:
            payload = json.loads(body, parse_constant=_refuse_constant)
        except (ValueError, UnicodeDecodeError) as error:
            raise BadRequest(400, "invalid_json", f"JSON illisible : {error}"[:300]) from error
        except RecursionError as error:
            raise BadRequest(400, "invalid_json", "JSON imbriqué trop profondément.") from error
        problems = json_problems(payload)
        if problems:
            raise BadRequest(
                400,
                "invalid_json",
                "JSON illisible : rien n'a été enregistré.",
                [Rejection("FSE-SCHEMA", f"{where} : {why}").as_dict() for where, why in problems],
            )
        return payload

    @staticmethod
    def _documents(payload):
        if isinstance(payload, dict) and "sheets" in payload:
            documents = payload["sheets"]
            if set(payload) != {"sheets"}:
                raise BadRequest(400, "unknown_fields", "Un lot ne contient que « sheets ».")
        elif isinstance(payload, list):
            documents = payload
        elif isinstance(payload, dict):
            return [payload], False
        else:
            raise BadRequest(400, "not_a_sheet", "Une feuille (objet) ou un lot (liste) attendu.")
        if not isinstance(documents, list) or not documents:
            raise BadRequest(400, "empty_batch", "Le lot ne contient aucune feuille.")
        if len(documents) > MAX_BATCH:
            raise BadRequest(413, "batch_too_large", f"Un lot compte au plus {MAX_BATCH} feuilles.")
        return documents, True

    @staticmethod
    def _refuse_malformed(document):
        rejections = check_document(document)
        if rejections and rejections[0].code == "FSE-SCHEMA":
            raise BadRequest(
                400,
                "invalid_sheet",
                "Feuille non conforme au format siamo-fse/1.0 : rien n'a été enregistré.",
                [rejection.as_dict() for rejection in rejections],
            )

    @staticmethod
    def _receive(provider, documents, channel):
        """The intake's answers. A sheet another request received at the same moment is
        received once: this request waited for the other's commit, and starts again in a new
        transaction, where the sheet is a retry that gets the other's answer."""
        intake = request.env["siamo.fse.intake"].sudo()
        for _attempt in range(CONFLICT_ATTEMPTS - 1):
            try:
                return intake._receive(provider, documents, channel)
            except IntakeConflict:
                # nothing of this request is written yet: its transaction starts anew
                request.env.cr.rollback()
        try:
            return intake._receive(provider, documents, channel)
        except IntakeConflict as error:
            raise BadRequest(
                409, "conflict", "La même feuille arrive en même temps : renvoyez-la."
            ) from error

    @staticmethod
    def _status(answer):
        if answer["status"] == "received":
            return 201
        codes = {reason["code"] for reason in answer["reasons"]}
        if "FSE-PROVIDER-NOT-SELF" in codes:
            return 403
        if "FSE-KEY-REUSED" in codes:
            return 409
        return 422
