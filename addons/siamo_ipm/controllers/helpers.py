"""What the SIAMO controllers share."""

from odoo import http
from odoo.http import request


def pdf_response(pdf, filename):
    """``pdf`` (bytes) served as the file ``filename``."""
    return request.make_response(
        pdf,
        headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", str(len(pdf))),
            ("Content-Disposition", http.content_disposition(filename)),
        ],
    )


def readable_count(model_name, domain=None):
    """How many records of ``model_name`` (within ``domain``) the portal user may read: 0 when
    he may read none."""
    records = request.env[model_name]
    return records.search_count(domain or []) if records.has_access("read") else 0
