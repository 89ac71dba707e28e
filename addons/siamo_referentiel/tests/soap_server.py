"""A real SOAP server on 127.0.0.1 for the tests of a SOAP client (zeep over HTTP): the
outside systems SIAMO calls (an IPM's software, the national identity registry) stand in
the tests as subclasses that answer :meth:`LocalSoapServer.answer`."""

import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server
from xml.sax.saxutils import escape

ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # the test log is not the place for access lines
        pass


class LocalSoapServer:
    """Serves :meth:`answer` on ``self.endpoint`` (``path`` on a free port) in a thread
    while the ``with`` block lasts."""

    path = "/soap"

    def __init__(self):
        self.requests = []
        self._server = make_server("127.0.0.1", 0, self._app, handler_class=_QuietHandler)
        self.endpoint = f"http://127.0.0.1:{self._server.server_port}{self.path}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _app(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        status, answer = self.answer(environ["REQUEST_METHOD"], body)
        start_response(status, [("Content-Type", "text/xml; charset=utf-8")])
        return [answer.encode()]

    def answer(self, method, body):
        """``(HTTP status, XML text)`` of a request."""
        raise NotImplementedError

    @staticmethod
    def envelope(body):
        return (
            f'<soap:Envelope xmlns:soap="{ENVELOPE}"><soap:Body>{body}</soap:Body></soap:Envelope>'
        )

    @classmethod
    def fault(cls, text, detail=""):
        """A server fault saying ``text``, with ``detail`` (XML) when given."""
        detail = f"<detail>{detail}</detail>" if detail else ""
        return cls.envelope(
            f"<soap:Fault><faultcode>soap:Server</faultcode>"
            f"<faultstring>{escape(text)}</faultstring>{detail}</soap:Fault>"
        )
