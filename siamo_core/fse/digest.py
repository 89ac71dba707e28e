"""Fingerprints of a care sheet (kept in :mod:`siamo_core.claims`, which the IPM's side reads
without the exchange platform's dependencies)."""

from ..claims import content_digest, sheet_digest

__all__ = ["content_digest", "sheet_digest"]
