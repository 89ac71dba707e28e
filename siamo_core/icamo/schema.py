"""The published JSON Schema of the IPM return, made from the same tables as its checks
(:mod:`.returns`), so that the two cannot disagree. An IPM's software validates its return
against it before sending; ICAMO serves it at ``/siamo/api/v1/icamo/schema``."""

from .returns import (
    AGE_BANDS,
    CATEGORIES,
    FINANCE,
    FORMAT,
    MAX_AMOUNT,
    MAX_COUNT,
    REQUIRED,
    SECTIONS,
    SEXES,
    VERSION,
)

_CODE = {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,32}$"}
_KEYS = {
    "region": {"type": "string", "pattern": "^SN-[A-Z]{2}$", "description": "ISO 3166-2"},
    "category": {"enum": list(CATEGORIES)},
    "sex": {"enum": list(SEXES)},
    "age_band": {"enum": list(AGE_BANDS)},
    "act_class": _CODE,
    "reason": _CODE,
}
_FIGURES = {
    "count": {"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
    "amount": {"type": "integer", "minimum": 0, "maximum": MAX_AMOUNT, "description": "FCFA"},
}


def _object(figures):
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(figures),
        "properties": {name: _FIGURES[kind] for name, kind in figures.items()},
    }


def _rows(section):
    keys, figures = SECTIONS[section]
    return {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": [*keys, *figures],
            "properties": {
                **{key: _KEYS[key] for key in keys},
                **{name: _FIGURES[kind] for name, kind in figures.items()},
            },
        },
    }


SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": f"https://siamo-erp.github.io/schemas/{FORMAT}-{VERSION}.json",
    "title": f"État périodique d'une IPM à l'ICAMO ({FORMAT} {VERSION})",
    "type": "object",
    "additionalProperties": False,
    "required": list(REQUIRED),
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "ipm": {**_CODE, "description": "The IPM's code (its accreditation number's code)."},
        "ipm_name": {"type": "string", "maxLength": 200},
        "period": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
        "produced_at": {"type": "string", "format": "date-time"},
        **{section: _rows(section) for section in SECTIONS},
        "payments": {
            **_object({"count": "count", "delay_days": "count"}),
            "description": "Provider bills paid in the month and the sum of their delays in days.",
        },
        "management_costs": _FIGURES["amount"],
        "finance": _object(dict.fromkeys(FINANCE, "amount")),
    },
}
