"""What the card-reader agent's tests share: pcscd running, a virtual card to insert, the
agent's configuration."""

import contextlib
import io
import time

import pytest
from PIL import Image

from siamo_card_agent import reader
from siamo_card_agent.config import Config
from siamo_core.card import identity
from siamo_core.card.sample import SAMPLE_IDENTITY

from .services import pcscd
from .services.virtual_card import CardInReader, VirtualCard

AWA = SAMPLE_IDENTITY


def _photo():
    """A real JPEG, as a card holds (the server decodes it onto the beneficiary's file), of
    some kilobytes: its reading takes many READ BINARY chunks."""
    pixels = bytes((x * 7 + y * 13 + (x * y) % 31) % 256 for y in range(120) for x in range(96))
    out = io.BytesIO()
    Image.frombytes("L", (96, 120), pixels).save(out, "JPEG", quality=95)
    return out.getvalue()


PHOTO = _photo()
TEMPLATE = b"ISO19794-2 minutiae of Awa's right index"
ORIGIN = "https://siamo.example.sn"


@pytest.fixture(scope="module")
def pcsc():
    """pcscd with vpcd's reader; a failure to start it fails the tests (no skip)."""
    started = pcscd.start()
    yield
    pcscd.stop(started)


def make_card(**changes):
    files = {
        "identity_file": identity.encode_identity(AWA),
        "photo_file": identity.encode_photo(PHOTO),
        "fingerprint_template": TEMPLATE,
    }
    return VirtualCard(**{**files, **changes})


def _wait(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("pcscd did not see the card move in time")
        time.sleep(0.02)


@contextlib.contextmanager
def inserted(card, **options):
    """``card`` in the virtual reader for the ``with`` block, pulled out after it."""
    with CardInReader(card, port=pcscd.VPCD_PORT, **options) as slot:
        _wait(lambda: reader.card_present(pcscd.VIRTUAL_READER))
        yield slot
    _wait(lambda: not reader.card_present(pcscd.VIRTUAL_READER))
    if options.get("remove_at_read"):
        # pulled out during an exchange, the card is marked absent at once, but pcscd's
        # event thread sees it gone only at its next poll of the reader (every 400 ms):
        # a card inserted before would go unnoticed
        time.sleep(pcscd.STATUS_POLL * 2)


def config(**changes):
    base = Config(
        server_url="http://127.0.0.1:9",
        api_key="provider-key",
        origin=ORIGIN,
        port=0,
        reader=pcscd.VIRTUAL_READER,
        card_timeout=3,
        practitioner="Dr Awa Ndiaye",
    )
    return Config(**{**base.__dict__, **changes})
