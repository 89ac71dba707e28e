"""The electronic care sheet (feuille de soins électronique, FSE): one versioned JSON format,
signed by the provider, mapped to FHIR R4 ``Claim``, with stable rejection reason codes."""

from .reasons import REASONS, Rejection
from .schema import FORMAT, SCHEMA, check_document
from .signature import canonical_form, generate_key, public_key_text, sign, verify

__all__ = [
    "FORMAT",
    "REASONS",
    "SCHEMA",
    "Rejection",
    "canonical_form",
    "check_document",
    "generate_key",
    "public_key_text",
    "sign",
    "verify",
]
