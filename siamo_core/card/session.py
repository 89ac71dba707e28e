"""A conversation with a card of SIAMO's profile over any ``transmit(apdu) -> response``
callable (the response is the answer's data followed by SW1 SW2, as bytes): the card-reader
agent gives pyscard's, the tests a virtual card's. No reader library is imported here."""

from ..exceptions import CardError
from . import apdu, identity, tlv
from .status import check

CHUNK = 0xF0  # bytes per READ BINARY
MAX_ROUNDS = 64  # GET RESPONSE / wrong-Le rounds before the card is deemed to loop
MAX_IDENTITY = 4096
MAX_PHOTO = apdu.MAX_OFFSET + 1


def _exchange(transmit, command):
    response = bytes(transmit(command))
    if len(response) < 2:
        raise CardError("CARD_ANSWER_TOO_SHORT", "The card's answer has fewer than 2 bytes.")
    return response[:-2], int.from_bytes(response[-2:], "big")


def transceive(transmit, command, operation):
    """The data the card answers to ``command``, after the GET RESPONSE (61xx) and wrong-Le
    (6Cxx) rounds of ISO 7816-4's transport; any other failure is a :class:`CardError`."""
    data, sw = _exchange(transmit, command)
    for _round in range(MAX_ROUNDS):
        if sw >> 8 == 0x61:
            more, sw = _exchange(transmit, apdu.get_response(sw & 0xFF))
            data += more
        elif sw >> 8 == 0x6C:
            data, sw = _exchange(transmit, command[:-1] + bytes([sw & 0xFF]))
        else:
            break
    check(sw, operation)
    return data


def select_application(transmit):
    transceive(transmit, apdu.select_application(), "select_application")


def read_file(transmit, file_id, maximum):
    """The whole BER-TLV object that fills elementary file ``file_id``, read in chunks: the
    first chunk's header tells how many bytes remain."""
    transceive(transmit, apdu.select_file(file_id), "select_file")
    data = transceive(transmit, apdu.read_binary(0, CHUNK), "read_binary")
    _tag, length, start = tlv.read_header(data)
    total = start + length
    if total > maximum:
        raise CardError(
            "CARD_FILE_TOO_LARGE",
            "The card's file %(file)s announces %(length)s bytes, more than %(maximum)s.",
            file=f"{file_id:04X}",
            length=total,
            maximum=maximum,
        )
    while len(data) < total:
        chunk = transceive(
            transmit, apdu.read_binary(len(data), min(CHUNK, total - len(data))), "read_binary"
        )
        if not chunk:
            raise CardError(
                "CARD_FILE_SHORT",
                "The card's file %(file)s ends at byte %(offset)s, before the %(length)s bytes "
                "it announces.",
                file=f"{file_id:04X}",
                offset=len(data),
                length=total,
            )
        data += chunk
    return data[:total]


def read_identity(transmit, today=None):
    """Select the application and read the cardholder's :class:`CardIdentity`."""
    select_application(transmit)
    return identity.parse_identity(read_file(transmit, apdu.EF_IDENTITY, MAX_IDENTITY), today=today)


def _optional_file(transmit, file_id, maximum):
    try:
        return read_file(transmit, file_id, maximum)
    except CardError as error:
        if error.code == "CARD_FILE_NOT_FOUND":
            return None
        raise


def read_photo(transmit):
    """The cardholder's JPEG, or None when the card has no photo file."""
    data = _optional_file(transmit, apdu.EF_PHOTO, MAX_PHOTO)
    return identity.parse_photo(data) if data is not None else None


def fingerprint_reference(transmit):
    """The key reference of the card's fingerprint, or None when it verifies no fingerprint."""
    data = _optional_file(transmit, apdu.EF_BIOMETRY, MAX_IDENTITY)
    return identity.parse_fingerprint_reference(data) if data is not None else None


def pin_tries(transmit):
    """How many PIN attempts are left (0: blocked), or None when the PIN is already verified."""
    _data, sw = _exchange(transmit, apdu.pin_tries())
    if sw & 0xFFF0 == 0x63C0:
        return sw & 0x0F
    if sw in (0x6983, 0x6984):
        return 0
    check(sw, "verify_pin")
    return None


def verify_pin(transmit, pin):
    """Nothing when the card accepts ``pin``; else CARD_PIN_WRONG (with the attempts left)
    or CARD_PIN_BLOCKED."""
    transceive(transmit, apdu.verify_pin(pin), "verify_pin")


def verify_fingerprint(transmit, sample, reference=apdu.FINGERPRINT_REFERENCE):
    """Match-on-card: nothing when the card finds ``sample`` matches its stored template."""
    transceive(transmit, apdu.verify_fingerprint(sample, reference), "verify_fingerprint")
