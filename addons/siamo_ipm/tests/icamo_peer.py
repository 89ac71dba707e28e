"""A stand-in ICAMO on 127.0.0.1 for the tests that run without siamo_icamo: a real HTTP
server that keeps what it receives and answers as ICAMO's collection API does."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class IcamoPeer:
    def __init__(self, status=201, answer=None):
        self.status = status
        self.answer = answer
        self.received = []

    def __enter__(self):
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                peer.received.append((self.path, self.headers.get("Authorization"), body))
                answer = peer.answer or {
                    "acknowledgement": f"ICAMO-{len(peer.received)}",
                    "ipm": body["ipm"],
                    "period": body["period"],
                    "version": len(peer.received),
                    "supersedes": f"ICAMO-{len(peer.received) - 1}" if peer.received[1:] else None,
                }
                data = json.dumps(answer).encode()
                self.send_response(peer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def closed_port_url():
    """The address of a port on 127.0.0.1 nothing listens on: an ICAMO that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
