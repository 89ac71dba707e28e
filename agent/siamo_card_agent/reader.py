"""The card reader through PC/SC (pyscard): which readers there are, waiting for a card, and
the ``transmit`` callable that ``siamo_core.card.session`` talks through."""

import contextlib

from smartcard.CardRequest import CardRequest
from smartcard.CardType import AnyCardType
from smartcard.Exceptions import (
    CardConnectionException,
    CardRequestTimeoutException,
    NoCardException,
    SmartcardException,
)
from smartcard.pcsc.PCSCExceptions import BaseSCardException
from smartcard.System import readers as pcsc_readers

from .errors import AgentError


def reader_names(wanted=""):
    """The names of the connected readers (those containing ``wanted``, when given)."""
    try:
        names = [str(reader) for reader in pcsc_readers()]
    except (
        SmartcardException,
        BaseSCardException,
    ):  # no PC/SC service: no reader either, as the user sees it
        return []
    return [name for name in names if wanted.lower() in name.lower()]


def card_present(wanted=""):
    """Whether a card sits in one of the readers."""
    for reader in _readers(wanted):
        connection = reader.createConnection()
        try:
            connection.connect()
            return True
        except (NoCardException, CardConnectionException):
            continue
        finally:
            _release(connection)
    return False


def _release(connection):
    """Disconnect and free the connection's PC/SC context now, not when it is collected
    (pyscard would do it then, and complain if pcscd has restarted in between)."""
    with contextlib.suppress(SmartcardException, BaseSCardException):
        getattr(connection, "release", connection.disconnect)()  # release: pyscard 2.1+


def _readers(wanted):
    names = set(reader_names(wanted))
    try:
        return [reader for reader in pcsc_readers() if str(reader) in names]
    except (SmartcardException, BaseSCardException):
        return []


class Card:
    """A card in a reader, connected; ``with Card.wait(...) as card: card.transmit(apdu)``.
    A PC/SC failure once connected is the card pulled out (or its contact lost)."""

    def __init__(self, service):
        # the card service disconnects its connection when it is collected: keep it
        self.service, self.connection = service, service.connection
        self.reader = str(service.connection.getReader())

    @classmethod
    def wait(cls, wanted="", timeout=10):
        """The first card inserted (or already there) in a reader, within ``timeout`` s."""
        readers = _readers(wanted)
        if not readers:
            raise AgentError("AGENT_NO_READER")
        request = CardRequest(timeout=timeout, cardType=AnyCardType(), readers=readers)
        try:
            service = request.waitforcard()
        except CardRequestTimeoutException:
            raise AgentError("AGENT_NO_CARD") from None
        try:
            service.connection.connect()
        except (NoCardException, CardConnectionException):
            _release(service.connection)
            raise AgentError("AGENT_CARD_REMOVED") from None
        return cls(service)

    def transmit(self, command):
        try:
            data, sw1, sw2 = self.connection.transmit(list(command))
        except (CardConnectionException, NoCardException):
            raise AgentError("AGENT_CARD_REMOVED") from None
        return bytes(data) + bytes([sw1, sw2])

    def close(self):
        _release(self.connection)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
