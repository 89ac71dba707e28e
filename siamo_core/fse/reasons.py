"""Why a care sheet is refused (kept in :mod:`siamo_core.rejections`, which the IPM's side
reads without the exchange platform's dependencies)."""

from ..rejections import REASONS, Rejection

__all__ = ["REASONS", "Rejection"]
