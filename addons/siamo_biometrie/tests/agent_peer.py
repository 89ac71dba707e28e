"""A real local HTTP peer standing for the card-reader agent on the provider's computer: it
answers ``GET /status`` and ``POST /identity`` as the agent's contract says, with the CORS
headers of the one SIAMO origin it serves (the test server's)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD_PIN = "1234"


class AgentPeer:
    """``with AgentPeer(origin, nin) as agent:`` serves on ``agent.port`` of 127.0.0.1 and
    keeps the PINs it was sent in ``agent.pins``."""

    def __init__(self, origin, nin, checked_at):
        self.origin = origin
        self.nin = nin
        self.checked_at = checked_at
        self.pins = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def identity(self, pin, fingerprint=False):
        """What the agent answers once the card has verified ``pin``, or the beneficiary's
        finger (the virtual card's fingerprint is always his)."""
        self.pins.append("fingerprint" if fingerprint else pin)
        right = fingerprint or pin == GOOD_PIN
        return {
            "method": "card_fingerprint" if fingerprint else "card_pin",
            "result": "confirmed" if right else "refused",
            "failure": None if right else "pin_wrong",
            "checked_at": self.checked_at,
            "card": {
                "kind": "cedeao",
                "number": "SN-CEDEAO-1",
                "nin": self.nin,
                "surname": "TEST",
                "given_names": "Moussa",
                "birth_date": "1975-11-19",
                "sex": "M",
                "expiry": "2031-05-01",
                "photo": None,
            },
            "agent": {"version": "1.0.0", "reader": "Virtual PCD 00 00"},
            "message": "Identité confirmée" if right else "Code PIN erroné : 2 essais restants",
        }

    def _handler(self):
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # the test's log stays clean
                pass

            def _answer(self, status, body=None):
                self.send_response(status)
                if self.headers.get("Origin") == peer.origin:
                    self.send_header("Access-Control-Allow-Origin", peer.origin)
                    self.send_header("Access-Control-Allow-Methods", "GET, POST")
                    self.send_header("Access-Control-Allow-Headers", "Content-Type")
                    self.send_header("Access-Control-Allow-Private-Network", "true")
                    self.send_header("Vary", "Origin")
                data = json.dumps(body).encode() if body is not None else b""
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_OPTIONS(self):
                self._answer(204)

            def do_GET(self):
                if self.path != "/status":
                    return self._answer(404, {"error": {"code": "not_found", "message": ""}})
                status = {"agent": "1.0.0", "readers": ["Virtual PCD 00 00"], "card": True}
                return self._answer(200, status)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path != "/identity":
                    return self._answer(404, {"error": {"code": "not_found", "message": ""}})
                fingerprint = body.get("fingerprint") is True
                return self._answer(200, peer.identity(body.get("pin"), fingerprint))

        return Handler
