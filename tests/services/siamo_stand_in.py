"""A small real HTTP server on 127.0.0.1 standing for SIAMO's identity-check API
(``POST /siamo/api/v1/identity-checks``, bearer key) as the contract describes it: the
agent's tests post to it; the Odoo endpoint has its own tests in siamo_biometrie."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = "/siamo/api/v1/identity-checks"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        server = self.server
        if self.path != PATH:
            return self._answer(404, {"error": {"code": "NOT_FOUND", "message": "Introuvable"}})
        if self.headers.get("Authorization") != f"Bearer {server.key}":
            return self._answer(
                403, {"error": {"code": "NOT_A_PROVIDER", "message": "Clé API inconnue."}}
            )
        with server.lock:
            server.received.append(body)
            number = len(server.received)
        return self._answer(
            201,
            {
                "id": f"IDC/2026/{number:05d}",
                "result": body["result"],
                "checked_at": body["checked_at"],
                "beneficiary": {"name": "Awa NDIAYE", "member_number": "IPM-0042-01"},
            },
        )


class SiamoStandIn(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # 20 agents at once: the default backlog of 5 resets them

    def __init__(self, key):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.key, self.received, self.lock = key, [], threading.Lock()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
