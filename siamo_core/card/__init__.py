"""SIAMO's profile of the identity card read at the point of care (the biometric CEDEAO card;
the CMU card follows it): BER-TLV, the profile's APDUs and status words, the identity.

Pure Python: the card-reader agent (``agent/``) brings the reader. See ``PROFILE.md``.
"""

from .apdu import AID, EF_BIOMETRY, EF_IDENTITY, EF_PHOTO
from .identity import CardIdentity, encode_identity, parse_identity
from .session import (
    fingerprint_reference,
    pin_tries,
    read_identity,
    read_photo,
    verify_fingerprint,
    verify_pin,
)

__all__ = [
    "AID",
    "EF_BIOMETRY",
    "EF_IDENTITY",
    "EF_PHOTO",
    "CardIdentity",
    "encode_identity",
    "fingerprint_reference",
    "parse_identity",
    "pin_tries",
    "read_identity",
    "read_photo",
    "verify_fingerprint",
    "verify_pin",
]
