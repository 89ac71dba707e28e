import json

from odoo import http
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.http import request

from siamo_core.icamo.returns import return_problems
from siamo_core.icamo.schema import SCHEMA

# what the API answers in: ICAMO works in French, the codes are for the IPM's software
LANG = "fr_FR"


def _json(status, payload):
    return request.make_json_response(payload, status=status)


class SiamoIcamoReturnsApi(http.Controller):
    """ICAMO's collection API: an IPM's software sends its monthly return with the API key of
    one of its correspondents (``Authorization: Bearer …``) and gets its acknowledgement, or
    every problem of the return with its code and where it is."""

    @http.route("/siamo/api/v1/icamo/schema", type="http", auth="none", methods=["GET"])
    def schema(self):
        return _json(200, SCHEMA)

    @http.route(
        "/siamo/api/v1/icamo/returns",
        type="http",
        auth="bearer",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def submit_return(self):
        env = request.env(context={**request.env.context, "lang": LANG})
        try:
            document = json.loads(request.httprequest.get_data(as_text=True) or "null")
        except ValueError:
            return _json(400, {"error": "NOT_JSON", "message": env._("The body is not JSON.")})
        problems = return_problems(document)
        if problems:
            return _json(
                422, {"error": "RETURN_INVALID", "problems": self._problems(env, problems)}
            )
        ipm = self._correspondent_ipm(env, document["ipm"])
        if not ipm:
            return _json(
                403,
                {
                    "error": "IPM_NOT_YOURS",
                    "message": env._(
                        "You do not send the returns of the IPM “%(code)s”.", code=document["ipm"]
                    ),
                },
            )
        # sudo: the correspondent's key named the IPM; ICAMO takes the return in its books
        returns = env["siamo.icamo.return"].sudo().with_company(ipm.company_id)
        received = returns._receive(document, "api")
        return _json(
            201,
            {
                "acknowledgement": received.name,
                "ipm": ipm.code,
                "period": document["period"],
                "version": received.version,
                "supersedes": received.search(
                    [("superseded_by_id", "=", received.id)], limit=1
                ).name
                or None,
            },
        )

    @staticmethod
    def _correspondent_ipm(env, code):
        return (
            env["siamo.icamo.ipm"]
            .sudo()
            .search([("code", "=", code), ("correspondent_ids", "in", env.uid)], limit=1)
        )

    @staticmethod
    def _problems(env, problems):
        return [
            {
                "code": problem.code,
                "path": problem.params.get("path"),
                "message": core_error_message(env, problem),
            }
            for problem in problems
        ]
