"""A real SOAP server on 127.0.0.1 standing for the national identity registry: it serves
``identity_registry.wsdl`` (GET, its address made its own) and answers ``GetIdentity`` from
the identities it was given, with the UNKNOWN_NIN fault for any other NIN, or with a server
fault for every request when told to fail. zeep talks to it over HTTP."""

import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server
from xml.etree import ElementTree
from xml.sax.saxutils import escape

ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/"
CONTRACT = "urn:siamo:identity-registry:1"
WSDL = Path(__file__).with_name("identity_registry.wsdl")
FIELDS = ("nin", "surname", "given_names", "birth_date", "sex")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # the test log is not the place for access lines
        pass


class RegistryPeer:
    """``identities``: ``{nin: {"surname", "given_names", "birth_date" (ISO), "sex"}}``;
    ``failing``: a server fault for every request (the registry in trouble)."""

    def __init__(self, identities, failing=False):
        self.identities = dict(identities)
        self.failing = failing
        self.requests = []
        self._server = make_server("127.0.0.1", 0, self._app, handler_class=_QuietHandler)
        self.endpoint = f"http://127.0.0.1:{self._server.server_port}/identity-registry"
        self.url = f"{self.endpoint}?wsdl"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _app(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "GET":
            text = WSDL.read_text(encoding="utf-8").replace(
                "http://127.0.0.1/identity-registry", self.endpoint
            )
            start_response("200 OK", [("Content-Type", "text/xml; charset=utf-8")])
            return [text.encode()]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = ElementTree.fromstring(environ["wsgi.input"].read(length))
        nin = request.findtext(f"{{{ENVELOPE}}}Body/{{{CONTRACT}}}GetIdentity/{{{CONTRACT}}}nin")
        self.requests.append(nin)
        identity = self.identities.get(nin)
        status = "500 Internal Server Error"
        if self.failing:
            answer = self._fault("SERVICE", "Base indisponible")
        elif identity is None:
            answer = self._fault("UNKNOWN_NIN", "NIN inconnu")
        else:
            status, answer = "200 OK", self._answer({"nin": nin, **identity})
        start_response(status, [("Content-Type", "text/xml; charset=utf-8")])
        return [answer.encode()]

    @staticmethod
    def _answer(identity):
        fields = "".join(
            f"<{name}>{escape(identity[name])}</{name}>" for name in FIELDS if identity.get(name)
        )
        return (
            f'<soap:Envelope xmlns:soap="{ENVELOPE}"><soap:Body>'
            f'<GetIdentityResponse xmlns="{CONTRACT}">{fields}</GetIdentityResponse>'
            "</soap:Body></soap:Envelope>"
        )

    @staticmethod
    def _fault(code, text):
        return (
            f'<soap:Envelope xmlns:soap="{ENVELOPE}"><soap:Body><soap:Fault>'
            f"<faultcode>soap:Server</faultcode><faultstring>{escape(text)}</faultstring>"
            f'<detail><IdentityFault xmlns="{CONTRACT}"><code>{code}</code>'
            f"<message>{escape(text)}</message></IdentityFault></detail>"
            "</soap:Fault></soap:Body></soap:Envelope>"
        )
