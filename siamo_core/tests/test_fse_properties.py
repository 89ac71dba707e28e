"""Property-based tests: the sheet's checks, its FHIR mapping and its fingerprints answer any
document (hostile Unicode, any nesting, nulls, partial dates, huge numbers) with reasons,
never an exception. Deterministic (``derandomize``), 10 000 cases in all."""

import copy
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siamo_core.fse import FORMAT, REASONS, Rejection, check_document, generate_key, sign, verify
from siamo_core.fse.digest import content_digest, sheet_digest
from siamo_core.fse.fhir import InvalidClaim, from_claim, to_claim
from siamo_core.fse.schema import json_problems
from siamo_core.fse.signature import canonical_form, public_key_text

RUN = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
HEX64 = re.compile(r"^[0-9a-f]{64}$")
KEY = generate_key()
PUBLIC = public_key_text(KEY)

# ------------------------------------------------------------------ strategies

surrogates = st.integers(0xD800, 0xDFFF).map(chr)
hostile_text = st.one_of(
    st.text(max_size=20),
    st.builds(lambda a, s, b: a + s + b, st.text(max_size=5), surrogates, st.text(max_size=5)),
    st.sampled_from(["", " ", "\x00", "2026", "2026-11", "2026-02-30", "9999-99-99", "null"]),
)
hostile_numbers = st.one_of(
    st.integers(),
    st.integers(min_value=10**18, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1.5, 10**9, 2**63, -(2**63), 1e308]),
)
scalars = st.one_of(st.none(), st.booleans(), hostile_numbers, hostile_text)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(hostile_text, children, max_size=4),
    ),
    max_leaves=12,
)


def nested(depth, leaf=None):
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


deep_values = st.integers(1, 60).map(nested)
replacements = st.one_of(
    json_values, deep_values, st.sampled_from([None, {}, [], "", "2026", "2026-11"])
)

codes = st.from_regex(r"^[A-Za-z0-9._-]{1,12}$", fullmatch=True)


@st.composite
def valid_sheets(draw):
    lines = []
    for _index in range(draw(st.integers(1, 5))):
        quantity = draw(st.integers(1, 20))
        price = draw(st.integers(0, 100_000))
        lines.append(
            {
                "kind": draw(st.sampled_from(["act", "medicine"])),
                "code": draw(codes),
                "quantity": quantity,
                "unit_price": price,
                "amount": quantity * price,
            }
        )
    person = draw(
        st.one_of(
            st.builds(lambda n: {"nin": n}, st.from_regex(r"^[12][0-9]{12}$", fullmatch=True)),
            st.builds(lambda m: {"member_number": m}, codes),
        )
    )
    document = {
        "format": FORMAT,
        "sheet_id": draw(codes),
        "provider": {"code": draw(codes)},
        "ipm": draw(codes),
        "beneficiary": person,
        "care_date": draw(st.dates()).isoformat().rjust(10, "0"),
        "lines": lines,
        "total": sum(line["amount"] for line in lines),
    }
    if draw(st.booleans()):
        document["presence_proof"] = {"kind": "card", "reference": draw(codes)}
    return document


def paths(value, prefix=()):
    """Every place in a JSON value, the root first."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


def replaced(value, path, new):
    """``value`` (changed in place) with ``new`` at ``path``, if that place still exists."""
    if not path:
        return new
    node = value
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return value
    if isinstance(node, dict) or (
        isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node)
    ):
        node[path[-1]] = new
    return value


@st.composite
def mutated(draw, documents):
    """A valid document with one place, or a few, replaced by anything."""
    document = draw(documents)
    places = list(paths(document))
    document = copy.deepcopy(document)
    for _round in range(draw(st.integers(1, 3))):
        document = replaced(document, draw(st.sampled_from(places)), draw(replacements))
    return document


claims = valid_sheets().map(lambda sheet: json.loads(to_claim(sheet).model_dump_json()))

# ------------------------------------------------------------------ properties


def assert_reasons(rejections):
    assert isinstance(rejections, list)
    for rejection in rejections:
        assert isinstance(rejection, Rejection)
        assert rejection.code in REASONS
        rejection.detail.encode("utf-8")  # the answer can be written as JSON


@settings(max_examples=4_000, **RUN)
@given(st.one_of(json_values, deep_values, mutated(valid_sheets())))
def test_any_document_is_answered_with_reasons(document):
    rejections = check_document(document)
    assert_reasons(rejections)
    if not rejections:
        # a well-formed sheet can be fingerprinted, signed and checked
        assert HEX64.match(sheet_digest(document))
        assert HEX64.match(content_digest(document, 1))
        assert verify(document, PUBLIC) is False
        assert verify(sign(document, KEY), PUBLIC) is True
    else:
        assert verify(document if isinstance(document, dict) else {}, PUBLIC) is False


@settings(max_examples=3_000, **RUN)
@given(st.one_of(mutated(claims), json_values, deep_values))
def test_any_claim_becomes_a_sheet_or_its_reasons(claim):
    try:
        document = from_claim(claim)
    except InvalidClaim as error:
        assert error.rejections
        assert_reasons(error.rejections)
        return
    assert isinstance(document, dict)
    assert_reasons(check_document(document))


@settings(max_examples=2_000, **RUN)
@given(valid_sheets(), st.randoms(use_true_random=False), codes)
def test_fingerprints_ignore_order_and_ids(document, random, other_id):
    assert check_document(document) == []
    shuffled = dict(random.sample(list(document.items()), len(document)))
    shuffled["lines"] = random.sample(document["lines"], len(document["lines"]))
    signed = sign(document, KEY)
    assert sheet_digest(signed) == sheet_digest(document)
    assert canonical_form(dict(reversed(list(document.items())))) == canonical_form(document)
    assert content_digest({**shuffled, "sheet_id": other_id}, 7) == content_digest(document, 7)
    assert content_digest(document, 7) != content_digest(document, 8)
    assert verify(signed, PUBLIC)
    assert not verify({**signed, "total": signed["total"] + 1}, PUBLIC)


@settings(max_examples=1_000, **RUN)
@given(valid_sheets())
def test_a_valid_sheet_goes_to_fhir_and_back_unchanged(document):
    assert from_claim(json.loads(to_claim(document).model_dump_json())) == document


@given(st.integers(33, 100_000))
@settings(max_examples=50, **RUN)
def test_nesting_is_measured_without_recursion(depth):
    assert json_problems(nested(depth, "x"))
    assert check_document(nested(depth))[0].code == "FSE-SCHEMA"


# ------------------------------------------------------------------ the reported cases


def one_line_sheet():
    return {
        "format": FORMAT,
        "sheet_id": "S-1",
        "provider": {"code": "P"},
        "ipm": "IPM-A",
        "beneficiary": {"member_number": "M1"},
        "care_date": "2026-01-02",
        "lines": [{"kind": "act", "code": "C", "quantity": 1, "unit_price": 5, "amount": 5}],
        "total": 5,
    }


def test_a_lone_surrogate_in_a_free_text_is_refused_not_crashed():
    document = {**one_line_sheet(), "presence_proof": {"kind": "card", "reference": "\ud800"}}
    [rejection] = check_document(document)
    assert rejection.code == "FSE-SCHEMA"
    assert rejection.detail.startswith("presence_proof/reference")


def test_fhir_partial_dates_and_empty_items_are_refused_with_reasons():
    sheet = one_line_sheet()
    claim = json.loads(to_claim(sheet).model_dump_json())
    for created in ("2026", "2026-11"):
        try:
            from_claim({**claim, "created": created})
        except InvalidClaim as error:
            assert "created" in error.rejections[0].detail
        else:
            raise AssertionError(f"{created} accepted")
    for empty in ({"productOrService": {}, "sequence": 1}, {"sequence": 1, "quantity": {}}):
        item = {**claim["item"][0], **empty}
        document = from_claim({**claim, "item": [item]})
        assert check_document(document)[0].code == "FSE-SCHEMA"
    fraction = copy.deepcopy(claim)
    fraction["item"][0]["unitPrice"]["value"] = 5.5
    assert check_document(from_claim(fraction))[0].code == "FSE-SCHEMA"
