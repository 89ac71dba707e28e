"""A card of SIAMO's profile (``siamo_core/card/PROFILE.md``), in Python, plugged into the
real pcscd through the ``vsmartcard-vpcd`` virtual reader.

vpcd (pcscd's driver) listens on 127.0.0.1:35963 for the virtual card; every message either
way is a 2-byte big-endian length and its bytes. A 1-byte message from vpcd is a control:
00 power off, 01 power on, 02 reset, 04 "send your ATR"; anything longer is a command APDU
the card answers. Closing the socket is pulling the card out of the reader.
"""

import contextlib
import socket
import threading
from dataclasses import dataclass, field

from siamo_core.card import apdu, identity, tlv

ATR = bytes.fromhex("3B80800101")  # T=1, no historical bytes
POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4
SW_OK = b"\x90\x00"
MAX_TRIES = 3


def sw(value):
    return value.to_bytes(2, "big")


@dataclass
class VirtualCard:
    """The card's files and secrets; :meth:`answer` is its applet."""

    identity_file: bytes
    photo_file: bytes | None = None
    pin: str = "1234"
    fingerprint_template: bytes | None = None  # None: the card does no match-on-card
    pin_tries: int = MAX_TRIES
    fingerprint_tries: int = MAX_TRIES
    selected_application: bool = False
    selected_file: bytes | None = None
    reads: int = 0
    log: list = field(default_factory=list)  # the commands received
    answers: list = field(default_factory=list)  # and what the card sent back

    def files(self):
        files = {apdu.EF_IDENTITY: self.identity_file, apdu.EF_PHOTO: self.photo_file}
        if self.fingerprint_template is not None:
            files[apdu.EF_BIOMETRY] = identity.encode_fingerprint_reference(
                apdu.FINGERPRINT_REFERENCE
            )
        return {fid: data for fid, data in files.items() if data is not None}

    def reset(self):
        self.selected_application, self.selected_file = False, None

    def answer(self, command):
        self.log.append(command)
        response = self._applet(command)
        self.answers.append(response)
        return response

    def _applet(self, command):
        if len(command) < 4:
            return sw(0x6700)
        cla, ins, p1, p2 = command[:4]
        if cla != 0x00:
            return sw(0x6E00)
        handler = {
            0xA4: self._select,
            0xB0: self._read_binary,
            0x20: self._verify_pin,
            0x21: self._verify_fingerprint,
        }.get(ins)
        return handler(p1, p2, command[4:]) if handler else sw(0x6D00)

    def _select(self, p1, p2, body):
        data = body[1 : 1 + body[0]] if body else b""
        if p1 == 0x04:
            self.selected_application = data == apdu.AID
            self.selected_file = None
            return SW_OK if self.selected_application else sw(0x6A82)
        if p1 == 0x02 and self.selected_application and len(data) == 2:
            self.selected_file = self.files().get(int.from_bytes(data, "big"))
            return SW_OK if self.selected_file is not None else sw(0x6A82)
        return sw(0x6A86)

    def _read_binary(self, p1, p2, body):
        if self.selected_file is None:
            return sw(0x6986)  # no current EF
        self.reads += 1
        offset = (p1 << 8) | p2
        wanted = (body[0] or 256) if body else 256
        if offset > len(self.selected_file):
            return sw(0x6B00)
        chunk = self.selected_file[offset : offset + wanted]
        return chunk + (SW_OK if len(chunk) == wanted else sw(0x6282))

    def _verify_pin(self, p1, p2, body):
        if p2 != apdu.PIN_REFERENCE:
            return sw(0x6A88)
        if self.pin_tries == 0:
            return sw(0x6983)
        if not body:  # how many tries are left
            return sw(0x63C0 | self.pin_tries)
        if body[1 : 1 + body[0]] == apdu.pin_block(self.pin):
            self.pin_tries = MAX_TRIES
            return SW_OK
        self.pin_tries -= 1
        return sw(0x63C0 | self.pin_tries)

    def _verify_fingerprint(self, p1, p2, body):
        if self.fingerprint_template is None or p2 != apdu.FINGERPRINT_REFERENCE:
            return sw(0x6A88)
        if self.fingerprint_tries == 0:
            return sw(0x6983)
        data = body[3:] if body[:1] == b"\x00" else body[1 : 1 + body[0]]
        # the live sample arrives as 7F2E { 81 sample }; the card compares, answers a SW only
        template = next(iter(_parse(data)), None)
        sample = template.find(apdu.BIOMETRIC_SAMPLE) if template else None
        if sample is not None and sample.value == self.fingerprint_template:
            self.fingerprint_tries = MAX_TRIES
            return SW_OK
        self.fingerprint_tries -= 1
        return sw(0x63C0 | self.fingerprint_tries)


def _parse(data):
    """A card answers a malformed command with a status word, not a traceback."""
    try:
        return tlv.parse(data)
    except ValueError:
        return ()


class CardInReader:
    """The virtual card inserted into vpcd's slot at ``port``: a thread relaying vpcd's
    messages to :meth:`VirtualCard.answer`. :meth:`remove` pulls it out; ``remove_at_read``
    pulls it out when that READ BINARY (1-based) arrives, before answering it."""

    def __init__(self, card, port=35963, host="127.0.0.1", remove_at_read=None):
        self.card, self.remove_at_read = card, remove_at_read
        self.socket = socket.create_connection((host, port), timeout=5)
        self.socket.settimeout(None)
        # vpcd writes a length then its bytes: answer at once rather than after Nagle's wait
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.removed = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _receive(self, size):
        data = b""
        while len(data) < size:
            part = self.socket.recv(size - len(data))
            self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            if not part:
                raise ConnectionError("vpcd closed the connection")
            data += part
        return data

    def _send(self, data):
        self.socket.sendall(len(data).to_bytes(2, "big") + data)

    def _serve(self):
        try:
            while not self.removed.is_set():
                message = self._receive(int.from_bytes(self._receive(2), "big"))
                if len(message) == 1:
                    self._control(message[0])
                elif self._pulled_out_before(message):
                    return
                else:
                    self._send(self.card.answer(message))
        except OSError:
            pass
        finally:
            self.remove()

    def _control(self, control):
        if control == GET_ATR:
            self._send(ATR)
        elif control in (POWER_OFF, POWER_ON, RESET):
            self.card.reset()

    def _pulled_out_before(self, message):
        reading = message[1:2] == b"\xb0"
        return reading and self.remove_at_read == self.card.reads + 1

    def remove(self):
        """Pull the card out: vpcd sees the socket close."""
        self.removed.set()
        with contextlib.suppress(OSError):
            self.socket.shutdown(socket.SHUT_RDWR)
        self.socket.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()
        self.thread.join(timeout=5)
