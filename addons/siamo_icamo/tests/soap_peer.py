"""A real SOAP server on 127.0.0.1 standing for an IPM's software: it serves ICAMO's
``ipm_returns.wsdl`` binding and answers ``GetMonthlyReturn`` with the returns it was given,
or with a SOAP fault. For the tests of the SOAP pull (zeep talks to it over HTTP)."""

import json
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from odoo.addons.siamo_referentiel.tests.soap_server import ENVELOPE, LocalSoapServer

CONTRACT = "urn:siamo:ipm-returns:1"


class SoapPeer(LocalSoapServer):
    """``returns``: ``{(ipm code, "YYYY-MM"): document or text}``; a missing one is a fault."""

    path = "/ipm-returns"

    def __init__(self, returns):
        super().__init__()
        self.returns = dict(returns)
        self.url = self.endpoint

    def answer(self, method, body):
        request = ElementTree.fromstring(body).find(
            f"{{{ENVELOPE}}}Body/{{{CONTRACT}}}GetMonthlyReturn"
        )
        ipm = request.findtext(f"{{{CONTRACT}}}ipm")
        period = request.findtext(f"{{{CONTRACT}}}period")
        self.requests.append((ipm, period))
        document = self.returns.get((ipm, period))
        if document is None:
            return "500 Internal Server Error", self.fault(f"Aucun état pour {period}")
        text = document if isinstance(document, str) else json.dumps(document)
        return "200 OK", self.envelope(
            f'<GetMonthlyReturnResponse xmlns="{CONTRACT}"><document>{escape(text)}</document>'
            "</GetMonthlyReturnResponse>"
        )
