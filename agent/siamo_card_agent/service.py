"""The agent's local HTTP service, for the provider's portal page in the browser:

- ``GET /status`` → ``{"agent": "1.0.0", "readers": [...], "card": true|false}``
- ``POST /identity`` with ``{"pin": "1234"}`` or ``{"fingerprint": true}`` → the check's
  payload (see :mod:`.check`) or ``{"error": {"code", "message"}}``.

It listens on 127.0.0.1 only and answers only the one SIAMO origin it is configured for:
another web page open in the same browser must not read the patient's card. A request
without that Origin, or addressed to another host name (DNS rebinding), is refused.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import VERSION, reader
from .check import read_and_verify
from .errors import AgentError

MAX_BODY = 4096
LOCAL_HOSTS = ("127.0.0.1", "localhost")


class Handler(BaseHTTPRequestHandler):
    server_version = f"siamo-card-agent/{VERSION}"

    def log_message(self, format, *args):
        pass  # no patient data in logs

    def _allowed(self):
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        origin = self.headers.get("Origin", "")
        return host in LOCAL_HOSTS and origin == self.server.config.origin

    def _cors(self):
        self.send_header("Access-Control-Allow-Origin", self.server.config.origin)
        self.send_header("Vary", "Origin")

    def _answer(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        if self._allowed():
            self._cors()
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _refuse(self):
        self._answer(403, AgentError("AGENT_ORIGIN_REFUSED").as_dict())

    def do_OPTIONS(self):
        if not self._allowed():
            return self._refuse()
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        # Chrome's Private Network Access: a public page calling 127.0.0.1 asks first
        if self.headers.get("Access-Control-Request-Private-Network") == "true":
            self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def do_GET(self):
        if not self._allowed():
            return self._refuse()
        if self.path != "/status":
            return self._answer(404, {"error": {"code": "NOT_FOUND", "message": "Introuvable."}})
        wanted = self.server.config.reader
        return self._answer(
            200,
            {
                "agent": VERSION,
                "readers": reader.reader_names(wanted),
                "card": reader.card_present(wanted),
            },
        )

    def _request_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            raise AgentError("AGENT_BAD_REQUEST")
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            raise AgentError("AGENT_BAD_REQUEST") from None
        if not isinstance(body, dict):
            raise AgentError("AGENT_BAD_REQUEST")
        pin, fingerprint = body.get("pin"), body.get("fingerprint") is True
        if not fingerprint and not isinstance(pin, str):
            raise AgentError("AGENT_BAD_REQUEST")
        return pin, fingerprint

    def do_POST(self):
        if not self._allowed():
            return self._refuse()
        if self.path != "/identity":
            return self._answer(404, {"error": {"code": "NOT_FOUND", "message": "Introuvable."}})
        try:
            pin, fingerprint = self._request_body()
            if not self.server.card_lock.acquire(blocking=False):
                raise AgentError("AGENT_BUSY")
            try:
                payload = read_and_verify(self.server.config, pin=pin, fingerprint=fingerprint)
            finally:
                self.server.card_lock.release()
        except AgentError as error:
            status = 400 if error.code in ("AGENT_BAD_REQUEST", "CARD_PIN_BAD_FORM") else 409
            return self._answer(status, error.as_dict())
        return self._answer(200, payload)


class AgentServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, config, port=None):
        self.config = config
        self.card_lock = threading.Lock()  # one card, one check at a time
        super().__init__(("127.0.0.1", config.port if port is None else port), Handler)


def serve(config):
    server = AgentServer(config)
    try:
        server.serve_forever()
    finally:
        server.server_close()
