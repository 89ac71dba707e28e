"""The provider signs the canonical form of its sheet with its own Ed25519 key."""

import base64

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from ..canonical import canonical_form
from ..exceptions import SiamoError


class InvalidKey(SiamoError):
    """A public key is not an Ed25519 key in base64."""


def generate_key():
    """A new private key, for a provider's software or a test."""
    return Ed25519PrivateKey.generate()


def public_key_text(private_key):
    """The public key to record on the provider: 32 raw bytes in base64."""
    raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode()


def load_public_key(text):
    try:
        raw = base64.b64decode(text or "", validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as error:
        raise InvalidKey(
            "KEY_NOT_ED25519", "The public key must be a 32-byte Ed25519 key in base64."
        ) from error


def sign(document, private_key):
    """The sheet with its signature."""
    value = base64.b64encode(private_key.sign(canonical_form(document))).decode()
    return {**document, "signature": {"algorithm": "Ed25519", "value": value}}


def verify(document, public_key_text_value):
    """Whether the sheet carries a valid signature of the holder of that public key."""
    signature = document.get("signature") or {}
    try:
        key = load_public_key(public_key_text_value)
        key.verify(base64.b64decode(signature.get("value", "")), canonical_form(document))
    except (InvalidKey, InvalidSignature, ValueError, TypeError, AttributeError, RecursionError):
        return False  # not a signature, or not a sheet that can be signed
    return True
