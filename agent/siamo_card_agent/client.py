"""Posting an identity check to SIAMO: ``POST /siamo/api/v1/identity-checks`` with the
provider's API key (standard library only: the agent stays small)."""

import json
import urllib.error
import urllib.request

from .errors import AgentError

PATH = "/siamo/api/v1/identity-checks"


def beneficiary_of(payload, member_number=None):
    """Who the check is about: the card's NIN, else the member number given."""
    if member_number:
        return {"member_number": member_number}
    nin = payload.get("card", {}).get("nin")
    if not nin:
        raise AgentError("AGENT_BAD_REQUEST")
    return {"nin": nin}


def post_check(config, payload, timeout=15):
    """``(HTTP status, answer)`` of the server; the French ``message`` stays on this side."""
    body = {key: value for key, value in payload.items() if key != "message"}
    request = urllib.request.Request(
        config.server_url + PATH,
        data=json.dumps(body).encode("utf-8"),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {config.api_key}",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"{}")
        except ValueError:
            return error.code, {}
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise AgentError("AGENT_SERVER", detail=str(getattr(error, "reason", error))) from None
