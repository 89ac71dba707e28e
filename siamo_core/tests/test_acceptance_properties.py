"""Property-based tests of the acceptance checks: whatever the combination of what the caller
knows, a verdict keeps its invariants. Deterministic, bounded: 700 cases in all."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siamo_core.fse import FORMAT, REASONS, Rejection
from siamo_core.fse.acceptance import (
    ACCEPT,
    DROP,
    STORE,
    AcceptanceContext,
    Earlier,
    Line,
    SheetToAccept,
    check_acceptance,
    http_status,
    paper_sheet,
    sheet_from_document,
    verdict_answer,
)

RUN = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow],
}
TODAY = date(2026, 11, 23)
CODES = ["C", "K10", "MED-1", "X"]
ALONE = {"FSE-SIGNATURE", "FSE-DUPLICATE", "FSE-PROVIDER-NOT-SELF", "FSE-KEY-REUSED"}

lines = st.lists(
    st.builds(
        Line,
        st.sampled_from(["act", "medicine"]),
        st.sampled_from(CODES),
        st.integers(1, 9),
        st.integers(0, 100_000),
    ),
    min_size=1,
    max_size=6,
)
subsets = st.frozensets(st.sampled_from(CODES))


@st.composite
def cases(draw):
    sheet = SheetToAccept(
        provider="P1",
        care_date=TODAY + timedelta(days=draw(st.integers(-3, 3))),
        lines=tuple(draw(lines)),
        sheet_id="S-1",
        document_digest="d1",
        content_digest=draw(st.sampled_from([None, "c1"])),
    )
    context = AcceptanceContext(
        today=TODAY,
        known_acts=draw(subsets),
        known_medicines=draw(subsets),
        known_contents=draw(st.sampled_from([frozenset(), frozenset({"c1"})])),
        caller=draw(st.sampled_from([None, "P1", "P2"])),
        provider_known=draw(st.booleans()),
        earlier=draw(
            st.sampled_from(
                [
                    None,
                    Earlier("d1", {"status": "received"}),
                    Earlier("d0", {"status": "received"}),
                    Earlier("d1", {"status": "rejected"}),
                    Earlier("d0", {}),
                ]
            )
        ),
        signature_valid=draw(st.sampled_from([None, True, False])),
        beneficiary_rejection=draw(st.sampled_from([None, Rejection("FSE-WRONG-IPM", "I")])),
        agreement_in_force=draw(st.sampled_from([None, True, False])),
    )
    return sheet, context


def unknown_lines(sheet, context):
    return [
        f"lines/{index} : {line.code}"
        for index, line in enumerate(sheet.lines)
        if line.code not in (context.known_acts if line.kind == "act" else context.known_medicines)
    ]


@settings(max_examples=500, **RUN)
@given(cases())
def test_every_verdict_keeps_its_invariants(case):
    sheet, context = case
    verdict = check_acceptance(sheet, context)
    found = [rejection.code for rejection in verdict.rejections]
    assert all(code in REASONS for code in found)
    # a refused earlier submission does not hold the key: the sheet is checked anew
    held = context.earlier is not None and context.earlier.received
    at_the_door = context.caller not in (None, "P1") or held
    assert (verdict.outcome == DROP) == at_the_door
    assert (verdict.outcome == STORE) == (not at_the_door and bool(found))
    assert verdict.accepted == (verdict.outcome == ACCEPT) == (not found and not verdict.replay)
    if verdict.replay is not None:
        assert found == [] and context.earlier.digest == sheet.document_digest
    for code in ALONE & set(found):
        assert found == [code]
    answer = verdict_answer(sheet.sheet_id, verdict)
    if verdict.replay is None:
        assert (http_status(answer) == 201) == verdict.accepted
    content = not at_the_door and context.signature_valid is not False
    assert ("FSE-CARE-DATE" in found) == (content and sheet.care_date > TODAY)
    if content and context.beneficiary_rejection is None:
        items = [r.detail for r in verdict.rejections if r.code == "FSE-ITEM-UNKNOWN"]
        assert items == unknown_lines(sheet, context)
        assert ("FSE-NO-AGREEMENT" in found) == (context.agreement_in_force is False)
    else:
        assert not {"FSE-ITEM-UNKNOWN", "FSE-NO-AGREEMENT", "FSE-DUPLICATE"} & set(found)


@settings(max_examples=200, **RUN)
@given(lines, st.dates(), st.integers(1, 10**6), st.randoms(use_true_random=False))
def test_a_paper_sheet_fingerprints_as_the_same_care_online(claimed, day, beneficiary, random):
    document = {
        "format": FORMAT,
        "sheet_id": "S-1",
        "provider": {"code": "P1"},
        "ipm": "IPM-A",
        "beneficiary": {"member_number": "M1"},
        "care_date": day.isoformat(),
        "lines": [
            {
                "kind": line.kind,
                "code": line.code,
                "quantity": line.quantity,
                "unit_price": 0,
                "amount": line.amount,
            }
            for line in claimed
        ],
        "total": sum(line.amount for line in claimed),
    }
    online = sheet_from_document(document, beneficiary)
    shuffled = random.sample(claimed, len(claimed))
    assert paper_sheet("P1", day, shuffled, beneficiary).content_digest == online.content_digest
    assert online.care_date == day
    assert paper_sheet("P2", day, shuffled, beneficiary).content_digest != online.content_digest
