import logging

import requests
import zeep
from zeep.transports import Transport

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)
URL_PARAMETER = "siamo_biometrie.identity_registry_url"
CONTRACT = "urn:siamo:identity-registry:1"
UNKNOWN_NIN = "UNKNOWN_NIN"
SOAP_TIMEOUT = 30


class RegistryUnreachable(UserError):
    """The registry did not answer: nothing to do but try again later."""


class SiamoIdentityRegistry(models.AbstractModel):
    """The national identity registry, asked through its SOAP service (document/literal,
    ``GetIdentity(nin)``; the WSDL SIAMO follows is kept in ``tests/identity_registry.wsdl``).
    One address for the whole country, a system parameter set in Settings."""

    _name = "siamo.identity.registry"
    _description = "National Identity Registry"

    @api.model
    def _url(self):
        url = self.env["ir.config_parameter"].sudo().get_param(URL_PARAMETER)
        if not url:
            raise UserError(
                self.env._(
                    "The address of the national identity registry is not set: an "
                    "administrator sets it in Settings > Biometrics."
                )
            )
        return url

    @api.model
    def _unreachable_message(self, error, url):
        if isinstance(error, requests.Timeout):
            return self.env._(
                "The national identity registry did not answer within %(seconds)s seconds. "
                "Try again later.",
                seconds=SOAP_TIMEOUT,
            )
        if isinstance(error, requests.RequestException):
            return self.env._(
                "The national identity registry cannot be reached at %(url)s. Try again "
                "later; if it lasts, an administrator checks its address in Settings.",
                url=url,
            )
        return self.env._(
            "The national identity registry answered in a way SIAMO does not understand. "
            "An administrator checks its address in Settings."
        )

    @api.model
    def _client(self):
        """The registry's SOAP service, read from its WSDL address."""
        url = self._url()
        transport = Transport(timeout=SOAP_TIMEOUT, operation_timeout=SOAP_TIMEOUT)
        try:
            return zeep.Client(url, transport=transport).service
        except (requests.RequestException, zeep.exceptions.Error, ValueError) as error:
            # the technical detail is for the log; the user reads what to do
            _logger.warning("The identity registry's WSDL at %s cannot be read: %s", url, error)
            raise RegistryUnreachable(self._unreachable_message(error, url)) from error

    @api.model
    def _fault_code(self, fault):
        detail = fault.detail
        if detail is None:
            return None
        return detail.findtext(f"{{{CONTRACT}}}IdentityFault/{{{CONTRACT}}}code")

    @api.model
    def _lookup(self, nin, service=None):
        """The identity the registry holds for ``nin``, as a dict :func:`siamo_core.identity.
        parse_identity` reads, or None when the registry does not know the NIN. A registry
        that is down or refuses raises a :class:`UserError` in the user's language."""
        service = service or self._client()
        try:
            answer = service.GetIdentity(nin=nin)
        except zeep.exceptions.Fault as fault:
            if self._fault_code(fault) == UNKNOWN_NIN:
                return None
            _logger.warning(
                "The identity registry refused NIN %s: %s (%s)",
                nin,
                fault.message,
                self._fault_code(fault),
            )
            raise UserError(
                self.env._(
                    "The national identity registry refused to answer for the NIN %(nin)s: "
                    "%(reason)s",
                    nin=nin,
                    reason=fault.message,
                )
            ) from fault
        except (requests.RequestException, zeep.exceptions.Error) as error:
            _logger.warning("The identity registry failed for NIN %s: %s", nin, error)
            raise RegistryUnreachable(self._unreachable_message(error, self._url())) from error
        return {
            "kind": "cedeao",
            "number": "",
            "nin": answer.nin,
            "surname": answer.surname,
            "given_names": answer.given_names,
            "birth_date": answer.birth_date,
            "sex": answer.sex,
        }
