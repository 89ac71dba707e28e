"""Fingerprints of a care sheet: of the document itself (a retry is the same document), and of
what it claims (the same care sent twice under two ids)."""

import hashlib
import json

from .canonical import canonical_form


def sheet_digest(document):
    """The same for the same sheet, whatever the order of its keys or its signature."""
    return hashlib.sha256(canonical_form(document)).hexdigest()


def content_digest(document, beneficiary_key):
    """The same for the same care: provider, beneficiary, date and lines, whatever the sheet
    id and the order of the lines."""
    claimed = [
        document["provider"]["code"],
        beneficiary_key,
        document["care_date"],
        sorted(
            (line["kind"], line["code"], line["quantity"], line["amount"])
            for line in document["lines"]
        ),
    ]
    return hashlib.sha256(json.dumps(claimed).encode()).hexdigest()
