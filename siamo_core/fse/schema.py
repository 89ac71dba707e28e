"""The ``siamo-fse/1.0`` format, as a JSON Schema, and the checks a schema cannot say."""

import math

import fastjsonschema
from jsonschema import Draft7Validator

from .reasons import Rejection

FORMAT = "siamo-fse/1.0"
MAX_LINES = 200
# a sheet nests four levels (sheet, lines, line, value); a FHIR Claim about ten
MAX_DEPTH = 32
MAX_DETAIL = 300

_CODE = {"type": "string", "minLength": 1, "maxLength": 32, "pattern": "^[A-Za-z0-9._-]+$"}
_AMOUNT = {"type": "integer", "minimum": 0, "maximum": 100_000_000}

SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://siamo-erp.github.io/schemas/siamo-fse-1.0.json",
    "title": "Feuille de soins électronique SIAMO (siamo-fse/1.0)",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format",
        "sheet_id",
        "provider",
        "ipm",
        "beneficiary",
        "care_date",
        "lines",
        "total",
    ],
    "properties": {
        "format": {"const": FORMAT},
        "sheet_id": {
            "description": "The provider's own id of the sheet: its idempotency key.",
            **_CODE,
            "maxLength": 64,
        },
        "provider": {
            "type": "object",
            "additionalProperties": False,
            "required": ["code"],
            "properties": {
                "code": {**_CODE, "description": "The provider's code in the referentials."},
                "practitioner": {**_CODE, "description": "The practitioner's order number."},
            },
        },
        "ipm": {**_CODE, "description": "The code of the beneficiary's IPM."},
        "beneficiary": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "nin": {"type": "string", "pattern": "^[12][0-9A-Za-z]{3}[0-9]{9}$"},
                "member_number": _CODE,
            },
        },
        "care_date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "authorization": {**_CODE, "description": "The care authorization number, if any."},
        "diagnosis": {
            "type": "string",
            "pattern": r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$",
            "description": "ICD-10 code.",
        },
        "lines": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_LINES,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["kind", "code", "quantity", "unit_price", "amount"],
                "properties": {
                    "kind": {"enum": ["act", "medicine"]},
                    "code": _CODE,
                    "quantity": {"type": "integer", "minimum": 1, "maximum": 10_000},
                    "unit_price": _AMOUNT,
                    "amount": _AMOUNT,
                },
            },
        },
        "total": _AMOUNT,
        "presence_proof": {
            "description": "How the provider saw the beneficiary. Of kind identity_check, the "
            "reference is the id the identity check API answered: the intake verifies it.",
            "type": "object",
            "additionalProperties": False,
            "required": ["kind"],
            "properties": {
                "kind": {"enum": ["identity_check", "card", "biometric", "otp", "none"]},
                "reference": {"type": "string", "maxLength": 64},
            },
            "if": {"properties": {"kind": {"const": "identity_check"}}},
            "then": {"required": ["reference"]},
        },
        "attachments": {
            "type": "array",
            "maxItems": 20,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "sha256"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 128},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "uri": {"type": "string", "maxLength": 512},
                },
            },
        },
        "signature": {
            "type": "object",
            "additionalProperties": False,
            "required": ["algorithm", "value"],
            "properties": {
                "algorithm": {"const": "Ed25519"},
                "value": {"type": "string", "pattern": "^[A-Za-z0-9+/]{86}==$"},
            },
        },
    },
}

# fastjsonschema compiles the schema to Python and checks a good sheet in microseconds;
# jsonschema then names every error of a bad one
_IS_VALID = fastjsonschema.compile(SCHEMA)
_VALIDATOR = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)


def _where(error):
    return "/".join(str(part) for part in error.absolute_path) or "(feuille)"


def _short(text):
    return text if len(text) <= MAX_DETAIL else f"{text[:MAX_DETAIL]}…"


def _readable(text):
    """Whether a text can be stored and signed: Unicode, without NUL (PostgreSQL refuses it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def json_problems(value, max_depth=MAX_DEPTH):
    """What makes a decoded JSON value unfit to be read further, as ``(path, problem)``
    pairs: nesting deeper than ``max_depth`` or a text that is not Unicode (a lone surrogate
    escape such as ``"\\ud800"``, or a NUL). Walks without recursion, so any depth is answered."""
    problems = []
    stack = [(value, (), 0)]
    while stack and len(problems) < 10:
        node, path, depth = stack.pop()
        where = "/".join(map(str, path)) or "(racine)"
        if depth > max_depth:
            problems.append((where, f"imbrication de plus de {max_depth} niveaux"))
            continue
        if isinstance(node, str):
            if not _readable(node):
                problems.append((where, "texte non Unicode (substitut isolé) ou caractère NUL"))
        elif isinstance(node, dict):
            for key, child in node.items():
                if isinstance(key, str) and not _readable(key):
                    problems.append((where, "nom de champ non Unicode ou caractère NUL"))
                    continue
                stack.append((child, (*path, key), depth + 1))
        elif isinstance(node, list):
            stack.extend((child, (*path, i), depth + 1) for i, child in enumerate(node))
        elif isinstance(node, float) and not math.isfinite(node):
            problems.append((where, "nombre non fini"))
    return problems


def _schema_errors(document):
    problems = json_problems(document)
    if problems:
        return [Rejection("FSE-SCHEMA", _short(f"{where} : {why}")) for where, why in problems]
    try:
        _IS_VALID(document)
    except fastjsonschema.JsonSchemaException as invalid:
        errors = sorted(_VALIDATOR.iter_errors(document), key=lambda error: list(error.path))
        return [
            Rejection("FSE-SCHEMA", _short(f"{_where(error)} : {error.message}"))
            for error in errors
        ] or [Rejection("FSE-SCHEMA", _short(invalid.message))]
    return []


def check_document(document):
    """The :class:`Rejection` list of a sheet's form: schema first, then its arithmetic.

    An empty list means the sheet is well formed; whether its provider, beneficiary and
    items exist is for the intake to say."""
    schema_errors = _schema_errors(document)
    if schema_errors:
        return schema_errors
    rejections = [
        Rejection("FSE-TOTAL", f"lines/{index} : {line['quantity']} × {line['unit_price']}")
        for index, line in enumerate(document["lines"])
        if line["quantity"] * line["unit_price"] != line["amount"]
    ]
    total = sum(line["amount"] for line in document["lines"])
    if total != document["total"]:
        rejections.append(Rejection("FSE-TOTAL", f"total {document['total']} ≠ {total}"))
    return rejections
