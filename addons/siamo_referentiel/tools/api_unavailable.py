"""The SIAMO API's answer while its database cannot be reached: ``503`` with ``Retry-After``
and a JSON body in the API's error shape, never Odoo's HTML "Not Found" page nor a 500.

PostgreSQL restarting, a failover, no connection left: Odoo then serves a request without a
database, or loses the connection of a request in flight (see the dispatcher in
:mod:`..controllers.api_unavailable`). Either way the request's transaction is lost with its
connection: nothing it did is kept, and sending it again is safe (a care sheet sent again is
answered as the first, never recorded twice).
"""

# pylint: disable=prefer-env-translation
# (no database, hence no environment: the term is translated from the addon's fr.po)
import json

import psycopg2

from odoo.http import Response
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

API_PREFIX = "/siamo/api/"
# the API answers in French, whoever calls (see siamo_fse and siamo_biometrie's controllers)
ANSWER_LANG = "fr_FR"
RETRY_AFTER_SECONDS = 5
CODE = "database_unavailable"
MESSAGE = _lt(
    "SIAMO cannot reach its database for a moment. Send the same request again in a few "
    "seconds: a care sheet sent again is never recorded twice."
)
# the routes whose refusals nest the code and the message (``{"error": {"code", "message"}}``);
# the others answer ``{"error": code, "message": …}``
NESTED_ERROR_PATHS = ("/siamo/api/v1/identity-checks",)


def is_api_path(path):
    return path.startswith(API_PREFIX)


def database_lost(exception):
    """Whether ``exception`` comes of the database going away, or refusing the transaction
    for a while (connection lost, server shutting down, too many connections, a
    serialization failure retried in vain): the request can be sent again as it is. Odoo
    turns some of these into other errors (a failure while it checks the API key becomes
    "access denied"): the error that caused it counts."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, (psycopg2.OperationalError, psycopg2.InterfaceError)):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def _body(path, code, message):
    if path.startswith(NESTED_ERROR_PATHS):
        return {"error": {"code": code, "message": message}}
    return {"error": code, "message": message}


def api_error_response(path, status, code, message, headers=()):
    """A JSON error answer of the API at ``path``, built without the database."""
    return Response(
        json.dumps(_body(path, code, message), ensure_ascii=False),
        status=status,
        headers=[("Content-Type", "application/json; charset=utf-8"), *headers],
    )


def unavailable_response(path):
    """``503`` "send it again in a few seconds", in the API's shape at ``path``."""
    return api_error_response(
        path,
        503,
        CODE,
        MESSAGE._translate(ANSWER_LANG),
        headers=[("Retry-After", str(RETRY_AFTER_SECONDS)), ("Cache-Control", "no-store")],
    )
