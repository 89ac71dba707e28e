"""SIAMO core: the AMO business rules as plain functions over plain data.

This package imports neither Odoo nor any addon, so every rule it holds can be
tested with pytest alone and called by the addons with plain values.
"""

__version__ = "18.0.1.0.0"
