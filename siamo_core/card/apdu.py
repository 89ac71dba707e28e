"""The command APDUs of SIAMO's card profile (ISO/IEC 7816-4) and the meaning of the status
words the card answers, as coded :class:`CardError`.

See ``PROFILE.md`` beside this file for the bytes and their reasons.
"""

from ..exceptions import CardError
from . import tlv

# the application: a proprietary, unregistered AID (category F of ISO 7816-5): "SIAMOID", v1
AID = bytes.fromhex("F0") + b"SIAMOID" + bytes([0x01])
EF_IDENTITY = 0x0101
EF_PHOTO = 0x0102
EF_BIOMETRY = 0x0103
PIN_REFERENCE = 0x81  # a specific (application) reference, as ISO 7816-4 numbers them
FINGERPRINT_REFERENCE = 0x91
PIN_LENGTH = 8  # the PIN's ASCII digits, padded with FF to 8 bytes
PIN_PADDING = 0xFF
MIN_PIN_DIGITS, MAX_PIN_DIGITS = 4, 8
BIOMETRIC_DATA_TEMPLATE = 0x7F2E
BIOMETRIC_SAMPLE = 0x81
MAX_OFFSET = 0x7FFF  # READ BINARY with P1 bit 8 clear: a 15-bit offset
MAX_SHORT = 256
MAX_EXTENDED = 0xFFFF

OK = 0x9000
END_OF_FILE = 0x6282  # fewer bytes than asked: the file ends there


def _bad(name, value, low, high):
    return CardError(
        "CARD_APDU_BAD_PARAMETER",
        "The APDU parameter %(name)s = %(value)s is outside %(low)s to %(high)s.",
        name=name,
        value=value,
        low=low,
        high=high,
    )


def _checked(name, value, low, high):
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _bad(name, value, low, high)
    return value


def command(cla, ins, p1, p2, data=b"", le=None):
    """A command APDU: short form while data and Le fit, else the extended form."""
    data = bytes(data)
    if len(data) > MAX_EXTENDED:
        raise _bad("Lc", len(data), 0, MAX_EXTENDED)
    if le is not None:
        _checked("Le", le, 1, MAX_EXTENDED + 1)
    header = bytes([cla, ins, p1, p2])
    if len(data) < MAX_SHORT and (le is None or le <= MAX_SHORT):
        body = bytes([len(data)]) + data if data else b""
        return header + body + (bytes([le % MAX_SHORT]) if le is not None else b"")
    body = b"\x00" + len(data).to_bytes(2, "big") + data if data else b""
    if le is None:
        return header + body
    trailer = (le % (MAX_EXTENDED + 1)).to_bytes(2, "big")
    return header + (body or b"\x00") + trailer


def select_application(aid=AID):
    """SELECT by DF name (P1 04), no answer data asked (P2 0C)."""
    return command(0x00, 0xA4, 0x04, 0x0C, aid)


def select_file(file_id):
    """SELECT an elementary file of the current application by its identifier (P1 02)."""
    return command(0x00, 0xA4, 0x02, 0x0C, _checked("file", file_id, 0, 0xFFFF).to_bytes(2, "big"))


def read_binary(offset, length):
    """READ BINARY of ``length`` bytes (1 to 256) from ``offset`` of the selected file."""
    offset = _checked("offset", offset, 0, MAX_OFFSET)
    return command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=_checked("Le", length, 1, MAX_SHORT))


def get_response(length):
    """GET RESPONSE of the ``length`` bytes a 61xx said are waiting (0 means 256)."""
    return command(0x00, 0xC0, 0x00, 0x00, le=_checked("Le", length or MAX_SHORT, 1, MAX_SHORT))


def pin_block(pin):
    """The PIN's digits in ASCII, padded with FF to 8 bytes."""
    if not isinstance(pin, str) or not (
        pin.isascii() and pin.isdigit() and MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS
    ):
        raise CardError(
            "CARD_PIN_BAD_FORM",
            "A PIN has %(minimum)s to %(maximum)s digits.",
            minimum=MIN_PIN_DIGITS,
            maximum=MAX_PIN_DIGITS,
        )
    return pin.encode("ascii").ljust(PIN_LENGTH, bytes([PIN_PADDING]))


def verify_pin(pin):
    """VERIFY (INS 20) of the cardholder PIN."""
    return command(0x00, 0x20, 0x00, PIN_REFERENCE, pin_block(pin))


def pin_tries():
    """VERIFY with no data: the card answers 63Cx (x tries left), 9000 or 6983."""
    return command(0x00, 0x20, 0x00, PIN_REFERENCE)


def verify_fingerprint(sample, reference=FINGERPRINT_REFERENCE):
    """VERIFY (INS 21, data in BER-TLV) of a live fingerprint sample against the card's
    biometric reference: the card compares; its stored template never leaves it."""
    sample = bytes(sample)
    if not sample:
        raise _bad("sample", 0, 1, MAX_EXTENDED)
    data = tlv.encode(BIOMETRIC_DATA_TEMPLATE, [tlv.encode(BIOMETRIC_SAMPLE, sample)])
    return command(0x00, 0x21, 0x00, _checked("reference", reference, 0x80, 0xFF), data)
