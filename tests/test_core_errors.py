"""Coded core errors: siamo_core raises no bare sentence, and the addons can say each code
in the user's language (English source in siamo_referentiel's table, French in its fr.po)."""

from collections import Counter
from decimal import Decimal

import polib
import pytest

from siamo_core import medical_control, settlement
from siamo_core.exceptions import InvalidAmount, Message, SiamoError
from siamo_core.fse import reasons
from siamo_core.fse.fhir import InvalidClaim, from_claim
from siamo_core.money import allocate, to_decimal

from .core_messages import (
    FRENCH,
    PLACEHOLDER,
    REASON_TABLE,
    TRANSLATOR,
    coded_messages,
    core_sources,
    translator_table,
)

MESSAGES, PROBLEMS = coded_messages(core_sources())
TABLE = translator_table()


def test_every_core_error_and_reason_has_a_literal_code_and_english_template():
    assert MESSAGES, "no coded message found: the walk of siamo_core is broken"
    assert PROBLEMS == []


def test_the_walk_finds_a_bare_sentence_a_computed_code_and_a_builtin_error():
    bad = {
        "siamo_core/bad.py": (
            "from .exceptions import SiamoError\n"
            "class Bad(SiamoError):\n"
            "    pass\n"
            "def rule(value, code):\n"
            "    if value:\n"
            "        raise Bad(f'La valeur {value} est fausse.')\n"
            "    if code:\n"
            "        raise Bad(code, 'The value is wrong.')\n"
            "    raise ValueError('Une valeur fausse.')\n"
        )
    }
    _messages, problems = coded_messages(bad)
    assert sorted(problem.split(":")[1] for problem in problems) == ["6", "8", "9"]


def test_every_code_raised_in_the_core_is_in_the_translator_table_with_its_sentence():
    templates = {}
    for code, template, where in MESSAGES:
        templates.setdefault(code, {})[template] = where
    assert {code: wheres for code, wheres in templates.items() if len(wheres) > 1} == {}
    assert sorted(set(templates) - set(TABLE)) == [], f"add them to {TRANSLATOR.name}"
    different = {
        code: (template, TABLE[code])
        for code, wheres in templates.items()
        for template in wheres
        if code in TABLE and TABLE[code] != template
    }
    assert different == {}
    assert sorted(set(TABLE) - set(templates)) == [], "codes no longer raised in siamo_core"


def test_every_code_has_its_french_with_the_same_parameters():
    french = {entry.msgid: entry.msgstr for entry in polib.pofile(str(FRENCH))}
    missing = sorted(code for code, source in TABLE.items() if not french.get(source))
    assert missing == []
    for code, source in TABLE.items():
        names = PLACEHOLDER.findall(source)
        assert sorted(PLACEHOLDER.findall(french[source])) == sorted(names), code
        if names:  # the French formats as the English does (%% where a % is meant)
            french[source] % dict.fromkeys(names, 1)


def test_every_reason_code_has_an_english_label_whose_french_is_the_cores():
    """The intake, settlement and control reason labels: English sources in the addon, and
    French that reads exactly as siamo_core's own label."""
    core = {**reasons.REASONS, **settlement.REASONS, **medical_control.REASONS}
    labels = translator_table(REASON_TABLE.read_text(encoding="utf-8"), name="REASON_LABELS")
    assert sorted(set(core) ^ set(labels)) == []
    french = {entry.msgid: entry.msgstr for entry in polib.pofile(str(FRENCH))}
    assert {
        code: french.get(labels[code]) for code in core if french.get(labels[code]) != core[code]
    } == {}


def test_no_term_twice_in_the_french_catalogue():
    counts = Counter(entry.msgid for entry in polib.pofile(str(FRENCH)))
    assert [msgid for msgid, count in counts.items() if count > 1] == []


def test_a_bare_sentence_is_a_type_error():
    with pytest.raises(TypeError):
        SiamoError("Le NIN doit comporter 13 caractères.")
    with pytest.raises(TypeError):
        InvalidAmount("not a code", "The amount is wrong.")
    with pytest.raises(TypeError):
        Message("Produit non remboursable.")


def test_an_error_keeps_its_code_params_and_english_sentence():
    error = InvalidAmount("AMOUNT_NOT_A_NUMBER", "“%(value)s” is not a number.", value="abc")
    assert (error.code, error.params, str(error)) == (
        "AMOUNT_NOT_A_NUMBER",
        {"value": "abc"},
        "“abc” is not a number.",
    )
    assert error.message == Message("AMOUNT_NOT_A_NUMBER", "ignored", value="abc")
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0.5, "AMOUNT_FLOAT_REFUSED"),
        (True, "AMOUNT_FLOAT_REFUSED"),
        ("douze", "AMOUNT_NOT_A_NUMBER"),
        ("NaN", "AMOUNT_NOT_FINITE"),
        ("Infinity", "AMOUNT_NOT_FINITE"),
    ],
)
def test_amount_codes(value, code):
    with pytest.raises(InvalidAmount) as refused:
        to_decimal(value)
    assert (refused.value.code, refused.value.params) == (code, {"value": value})


def test_allocation_codes():
    with pytest.raises(InvalidAmount) as negative:
        allocate(100, [Decimal(1), Decimal(-1)])
    assert negative.value.code == "AMOUNT_NEGATIVE_WEIGHT"
    with pytest.raises(InvalidAmount) as empty:
        allocate(100, [])
    assert empty.value.code == "AMOUNT_NO_WEIGHT"


def test_an_invalid_fhir_claim_is_a_coded_error_with_its_rejections():
    with pytest.raises(InvalidClaim) as refused:
        from_claim({"resourceType": "Claim", "status": 12})
    assert refused.value.code == "FHIR_INVALID_CLAIM"
    assert {rejection.code for rejection in refused.value.rejections} == {"FSE-SCHEMA"}
    assert refused.value.params["details"]
