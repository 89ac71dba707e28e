"""The canonical bytes of a JSON document: what a signature covers and a digest hashes."""

import json


def canonical_form(document):
    """The bytes that are signed: the sheet without its signature, keys sorted, no spaces,
    UTF-8. The format has only strings, integers, objects and arrays, so this is the
    RFC 8785 (JCS) serialization of the sheet."""
    unsigned = {key: value for key, value in document.items() if key != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
