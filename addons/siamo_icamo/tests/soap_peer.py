"""A real SOAP server on 127.0.0.1 standing for an IPM's software: it serves ICAMO's
``ipm_returns.wsdl`` binding and answers ``GetMonthlyReturn`` with the returns it was given,
or with a SOAP fault. For the tests of the SOAP pull (zeep talks to it over HTTP)."""

import json
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server
from xml.etree import ElementTree
from xml.sax.saxutils import escape

ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/"
CONTRACT = "urn:siamo:ipm-returns:1"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # the test log is not the place for access lines
        pass


class SoapPeer:
    """``returns``: ``{(ipm code, "YYYY-MM"): document or text}``; a missing one is a fault."""

    def __init__(self, returns):
        self.returns = dict(returns)
        self.requests = []
        self._server = make_server("127.0.0.1", 0, self._app, handler_class=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/ipm-returns"
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
        request = ElementTree.fromstring(body).find(
            f"{{{ENVELOPE}}}Body/{{{CONTRACT}}}GetMonthlyReturn"
        )
        ipm = request.findtext(f"{{{CONTRACT}}}ipm")
        period = request.findtext(f"{{{CONTRACT}}}period")
        self.requests.append((ipm, period))
        document = self.returns.get((ipm, period))
        if document is None:
            status, answer = "500 Internal Server Error", self._fault(f"Aucun état pour {period}")
        else:
            text = document if isinstance(document, str) else json.dumps(document)
            status, answer = "200 OK", self._answer(text)
        start_response(status, [("Content-Type", "text/xml; charset=utf-8")])
        return [answer.encode()]

    @staticmethod
    def _answer(text):
        return (
            f'<soap:Envelope xmlns:soap="{ENVELOPE}"><soap:Body>'
            f'<GetMonthlyReturnResponse xmlns="{CONTRACT}"><document>{escape(text)}</document>'
            "</GetMonthlyReturnResponse></soap:Body></soap:Envelope>"
        )

    @staticmethod
    def _fault(text):
        return (
            f'<soap:Envelope xmlns:soap="{ENVELOPE}"><soap:Body><soap:Fault>'
            f"<faultcode>soap:Server</faultcode><faultstring>{escape(text)}</faultstring>"
            "</soap:Fault></soap:Body></soap:Envelope>"
        )
