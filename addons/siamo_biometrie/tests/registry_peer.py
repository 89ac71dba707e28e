"""A real SOAP server on 127.0.0.1 standing for the national identity registry: it serves
``identity_registry.wsdl`` (GET, its address made its own) and answers ``GetIdentity`` from
the identities it was given, with the UNKNOWN_NIN fault for any other NIN, or with a server
fault for every request when told to fail. zeep talks to it over HTTP."""

from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from odoo.addons.siamo_referentiel.tests.soap_server import ENVELOPE, LocalSoapServer

CONTRACT = "urn:siamo:identity-registry:1"
WSDL = Path(__file__).with_name("identity_registry.wsdl")
FIELDS = ("nin", "surname", "given_names", "birth_date", "sex")


class RegistryPeer(LocalSoapServer):
    """``identities``: ``{nin: {"surname", "given_names", "birth_date" (ISO), "sex"}}``;
    ``failing``: a server fault for every request (the registry in trouble)."""

    path = "/identity-registry"

    def __init__(self, identities, failing=False):
        super().__init__()
        self.identities = dict(identities)
        self.failing = failing
        self.url = f"{self.endpoint}?wsdl"

    def answer(self, method, body):
        if method == "GET":
            return "200 OK", WSDL.read_text(encoding="utf-8").replace(
                "http://127.0.0.1/identity-registry", self.endpoint
            )
        request = ElementTree.fromstring(body)
        nin = request.findtext(f"{{{ENVELOPE}}}Body/{{{CONTRACT}}}GetIdentity/{{{CONTRACT}}}nin")
        self.requests.append(nin)
        identity = self.identities.get(nin)
        if self.failing:
            return "500 Internal Server Error", self._fault("SERVICE", "Base indisponible")
        if identity is None:
            return "500 Internal Server Error", self._fault("UNKNOWN_NIN", "NIN inconnu")
        fields = "".join(
            f"<{name}>{escape(value)}</{name}>"
            for name in FIELDS
            if (value := {"nin": nin, **identity}.get(name))
        )
        return "200 OK", self.envelope(
            f'<GetIdentityResponse xmlns="{CONTRACT}">{fields}</GetIdentityResponse>'
        )

    def _fault(self, code, text):
        return self.fault(
            text,
            f'<IdentityFault xmlns="{CONTRACT}"><code>{code}</code>'
            f"<message>{escape(text)}</message></IdentityFault>",
        )
