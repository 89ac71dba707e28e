from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from siamo_core.acceptance import beneficiary_key, rejected_answer
from siamo_core.fse import FORMAT, Rejection, check_document, generate_key, sign
from siamo_core.fse.acceptance import (
    ACCEPT,
    DROP,
    STORE,
    AcceptanceContext,
    Earlier,
    Line,
    Verdict,
    beneficiary_in_ipm,
    check_acceptance,
    dakar_today,
    http_status,
    is_malformed,
    paper_sheet,
    sheet_from_document,
    unknown_codes,
    verdict_answer,
)
from siamo_core.fse.digest import content_digest, sheet_digest

TODAY = date(2026, 11, 23)
BENEFICIARY = 41
API = AcceptanceContext(
    today=TODAY,
    known_acts=frozenset({"C", "K10"}),
    known_medicines=frozenset({"MED-1"}),
    caller="P1",
    signature_valid=True,
    agreement_in_force=True,
    ipm="IPM Sonatel",
)
PAPER = AcceptanceContext(
    today=TODAY, known_acts=API.known_acts, known_medicines=API.known_medicines
)


def document(**changes):
    sheet = {
        "format": FORMAT,
        "sheet_id": "S-1",
        "provider": {"code": "P1"},
        "ipm": "IPM-A",
        "beneficiary": {"member_number": "M1"},
        "care_date": "2026-11-20",
        "lines": [
            {"kind": "act", "code": "C", "quantity": 1, "unit_price": 6_000, "amount": 6_000},
            {
                "kind": "medicine",
                "code": "MED-1",
                "quantity": 2,
                "unit_price": 500,
                "amount": 1_000,
            },
        ],
        "total": 7_000,
    }
    sheet.update(changes)
    assert check_document(sheet) == []
    return sheet


def sheet(**changes):
    return sheet_from_document(document(**changes), BENEFICIARY)


def codes(verdict):
    return [rejection.code for rejection in verdict.rejections]


# ------------------------------------------------------------------ the whole check


def test_a_sheet_in_order_is_accepted():
    verdict = check_acceptance(sheet(), API)
    assert verdict == Verdict(ACCEPT)
    assert verdict.accepted
    assert verdict_answer("S-1", verdict) == {"sheet_id": "S-1", "status": "received"}


def test_a_provider_sends_only_its_own_sheets_and_nothing_is_kept():
    other = replace(API, caller="P2")
    verdict = check_acceptance(sheet(), other)
    assert (verdict.outcome, verdict.rejections) == (
        DROP,
        (Rejection("FSE-PROVIDER-NOT-SELF", "P1"),),
    )
    unknown = check_acceptance(sheet(), replace(other, provider_known=False))
    assert unknown.rejections == (Rejection("FSE-PROVIDER-UNKNOWN", "P1"),)
    assert not unknown.accepted


def test_the_provider_is_checked_before_anything_else():
    future = sheet(care_date="2026-12-01", lines=[_line("act", "X")], total=10)
    context = replace(API, caller="P2", signature_valid=False, agreement_in_force=False)
    assert codes(check_acceptance(future, context)) == ["FSE-PROVIDER-NOT-SELF"]


def test_a_retry_gets_its_first_answer_again_even_signed_anew():
    first = document()
    answer = {"sheet_id": "S-1", "status": "received", "fse": "FSE-2026-00001"}
    earlier = Earlier(sheet_digest(first), answer)
    resigned = sheet_from_document(sign(first, generate_key()), BENEFICIARY)
    verdict = check_acceptance(resigned, replace(API, earlier=earlier))
    assert (verdict.outcome, verdict.replay, verdict.rejections) == (DROP, answer, ())
    assert verdict_answer("S-1", verdict) is answer
    assert not verdict.accepted


def test_the_same_key_for_other_content_is_refused():
    earlier = Earlier(sheet_digest(document()), {"status": "received"})
    changed = sheet(care_date="2026-11-21")
    verdict = check_acceptance(changed, replace(API, earlier=earlier))
    assert (verdict.outcome, verdict.rejections, verdict.replay) == (
        DROP,
        (Rejection("FSE-KEY-REUSED", "S-1"),),
        None,
    )
    assert http_status(verdict_answer("S-1", verdict)) == 409


def test_a_sheet_without_its_document_digest_never_replays_an_answer():
    earlier = Earlier(sheet_digest(document()), {"status": "received"})
    blind = replace(sheet(), document_digest=None)
    assert codes(check_acceptance(blind, replace(API, earlier=earlier))) == ["FSE-KEY-REUSED"]


def test_a_refused_sheet_does_not_hold_its_key():
    # a copy refused for its signature, or a sheet refused before it was signed, then the
    # genuine signed sheet: checked anew under the same key, and received
    refused = {"sheet_id": "S-1", "status": "rejected", "reasons": [{"code": "FSE-SIGNATURE"}]}
    for digest in (sheet_digest(document()), "another document"):
        verdict = check_acceptance(sheet(), replace(API, earlier=Earlier(digest, refused)))
        assert (verdict.outcome, verdict.replay, verdict.rejections) == (ACCEPT, None, ())


def test_a_bad_signature_is_the_only_reason_given():
    future = sheet(care_date="2026-12-01", lines=[_line("act", "X")], total=10)
    verdict = check_acceptance(future, replace(API, signature_valid=False))
    assert (verdict.outcome, codes(verdict)) == (STORE, ["FSE-SIGNATURE"])


def test_care_after_today_is_refused_and_today_is_not():
    assert check_acceptance(sheet(care_date="2026-11-23"), API).accepted
    verdict = check_acceptance(sheet(care_date="2026-11-24"), API)
    assert (verdict.outcome, verdict.rejections) == (
        STORE,
        (Rejection("FSE-CARE-DATE", "2026-11-24"),),
    )


def test_without_the_beneficiary_only_the_date_and_his_reason_are_given():
    missing = Rejection("FSE-BENEFICIARY-UNKNOWN", "M9")
    context = replace(
        API,
        beneficiary_rejection=missing,
        agreement_in_force=None,
        known_acts=frozenset(),
        known_medicines=frozenset(),
    )
    future = replace(sheet(care_date="2026-12-01"), content_digest=None)
    assert check_acceptance(future, context).rejections == (
        Rejection("FSE-CARE-DATE", "2026-12-01"),
        missing,
    )
    assert check_acceptance(replace(future, care_date=TODAY), context).rejections == (missing,)


def test_a_provider_without_an_agreement_in_force_is_refused_naming_the_ipm():
    verdict = check_acceptance(sheet(), replace(API, agreement_in_force=False))
    assert verdict.rejections == (Rejection("FSE-NO-AGREEMENT", "IPM Sonatel"),)
    assert check_acceptance(sheet(), replace(API, agreement_in_force=None)).accepted


def test_each_unknown_item_is_named_by_its_line_and_its_kind_matters():
    lines = [_line("act", "C"), _line("act", "MED-1"), _line("medicine", "C"), _line("act", "K10")]
    verdict = check_acceptance(sheet(lines=lines, total=40), API)
    assert verdict.rejections == (
        Rejection("FSE-ITEM-UNKNOWN", "lines/1 : MED-1"),
        Rejection("FSE-ITEM-UNKNOWN", "lines/2 : C"),
    )


def test_the_reasons_add_up_in_the_intake_order():
    lines = [_line("act", "X")]
    verdict = check_acceptance(
        sheet(care_date="2026-12-01", lines=lines, total=10),
        replace(API, agreement_in_force=False),
    )
    assert codes(verdict) == ["FSE-CARE-DATE", "FSE-NO-AGREEMENT", "FSE-ITEM-UNKNOWN"]


def test_the_same_care_again_is_a_duplicate_only_when_nothing_else_is_wrong():
    held = frozenset({sheet().content_digest})
    context = replace(API, known_contents=held)
    again = sheet(sheet_id="S-2")
    assert check_acceptance(again, context).rejections == (Rejection("FSE-DUPLICATE"),)
    late = sheet(sheet_id="S-2", care_date="2026-12-01")
    assert codes(check_acceptance(late, replace(context, known_contents=held))) == ["FSE-CARE-DATE"]
    unknown_beneficiary = replace(again, content_digest=None)
    assert check_acceptance(unknown_beneficiary, context).accepted


def test_unknown_codes_are_looked_up_by_the_kind_of_their_line():
    lines = [Line("act", "C"), Line("act", "MED-1"), Line("medicine", "MED-1"), Line("x", "C")]
    assert unknown_codes(lines, frozenset({"C"}), frozenset({"MED-1"})) == [(1, "MED-1"), (3, "C")]
    assert unknown_codes([], frozenset(), frozenset()) == []


# ------------------------------------------------------------------ paper sheets


def test_a_paper_sheet_is_checked_without_caller_key_nor_signature():
    lines = [Line("act", "C", 1, 6_000), Line("medicine", "MED-1", 2, 1_000)]
    paper = paper_sheet("P1", date(2026, 11, 20), lines, BENEFICIARY)
    assert (paper.sheet_id, paper.document_digest) == ("", None)
    assert check_acceptance(paper, PAPER).accepted
    late = paper_sheet("P1", date(2026, 11, 24), lines, BENEFICIARY)
    assert codes(check_acceptance(late, PAPER)) == ["FSE-CARE-DATE"]
    unknown = paper_sheet("P1", TODAY, [Line("act", "X")], BENEFICIARY)
    assert codes(check_acceptance(unknown, replace(PAPER, agreement_in_force=False))) == [
        "FSE-NO-AGREEMENT",
        "FSE-ITEM-UNKNOWN",
    ]


def test_a_paper_sheet_and_the_same_care_sent_online_are_one_care():
    online = sheet()
    lines = [Line("medicine", "MED-1", 2, 1_000), Line("act", "C", 1, 6_000)]
    paper = paper_sheet("P1", date(2026, 11, 20), lines, BENEFICIARY)
    assert paper.content_digest == online.content_digest
    held = replace(PAPER, known_contents=frozenset({online.content_digest}))
    assert codes(check_acceptance(paper, held)) == ["FSE-DUPLICATE"]
    other = paper_sheet("P1", date(2026, 11, 20), lines, BENEFICIARY + 1)
    assert other.content_digest != online.content_digest


def test_a_document_becomes_the_sheet_the_checks_read():
    sent = document()
    read = sheet_from_document(sent, BENEFICIARY)
    assert (read.provider, read.care_date, read.sheet_id) == ("P1", date(2026, 11, 20), "S-1")
    assert read.lines == (Line("act", "C", 1, 6_000), Line("medicine", "MED-1", 2, 1_000))
    assert read.document_digest == sheet_digest(sent)
    assert read.content_digest == content_digest(sent, BENEFICIARY)
    assert sheet_from_document(sent).content_digest is None


# ------------------------------------------------------------------ beneficiary, today


def test_the_beneficiary_is_the_first_of_the_ipm_the_sheet_names():
    assert beneficiary_in_ipm([], "IPM-A", "M1") == (
        None,
        Rejection("FSE-BENEFICIARY-UNKNOWN", "M1"),
    )
    assert beneficiary_in_ipm([], "IPM-A", None)[1] == Rejection("FSE-BENEFICIARY-UNKNOWN", "")
    found = [("b1", "IPM-B"), ("b2", "IPM-A"), ("b3", "IPM-A")]
    assert beneficiary_in_ipm(iter(found), "IPM-A", "M1") == ("b2", None)
    assert beneficiary_in_ipm(found[:1], "IPM-A", "M1") == (
        None,
        Rejection("FSE-WRONG-IPM", "IPM-A"),
    )


@pytest.mark.parametrize(
    ("person", "key"),
    [
        ({"nin": "1751198501234"}, ("nin", "1751198501234")),
        ({"nin": "1751198501234", "member_number": "M1"}, ("nin", "1751198501234")),
        ({"nin": "1751189901234"}, ("nin", None)),  # the NIN's form, not a valid NIN
        ({"member_number": "M1"}, ("member_number", "M1")),
        ({"nin": "", "member_number": "M1"}, ("member_number", "M1")),
        ({"member_number": ""}, None),
        ({"member_number": 12}, None),
        ({}, None),
        ("M1", None),
    ],
)
def test_a_sheet_names_its_beneficiary_by_nin_first(person, key):
    assert beneficiary_key(person) == key


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2026, 11, 23, 23, 59), date(2026, 11, 23)),  # naive: UTC
        (datetime(2026, 11, 24, 0, 30, tzinfo=ZoneInfo("Europe/Paris")), date(2026, 11, 23)),
        (datetime(2026, 11, 23, 20, 0, tzinfo=timezone(timedelta(hours=-5))), date(2026, 11, 24)),
    ],
)
def test_today_is_the_date_in_dakar(moment, day):
    assert dakar_today(moment) == day


# ------------------------------------------------------------------ answers


def test_answers_and_their_http_status():
    refusal = rejected_answer("S-1", [Rejection("FSE-CARE-DATE", "2026-12-01")])
    assert refusal == {
        "sheet_id": "S-1",
        "status": "rejected",
        "reasons": [
            {
                "code": "FSE-CARE-DATE",
                "label": "Date des soins dans le futur",
                "detail": "2026-12-01",
            }
        ],
    }
    assert verdict_answer("S-1", Verdict(STORE, (Rejection("FSE-CARE-DATE", "2026-12-01"),))) == (
        refusal
    )
    assert http_status(refusal) == 422
    assert http_status({"status": "received"}) == 201
    assert http_status(rejected_answer("S", [Rejection("FSE-PROVIDER-NOT-SELF", "P")])) == 403
    both = rejected_answer("S", [Rejection("FSE-KEY-REUSED"), Rejection("FSE-PROVIDER-NOT-SELF")])
    assert http_status(both) == 403


def test_only_a_schema_refusal_refuses_the_whole_request():
    assert is_malformed([Rejection("FSE-SCHEMA", "lines")])
    assert not is_malformed([Rejection("FSE-TOTAL"), Rejection("FSE-SCHEMA")])
    assert not is_malformed([])


def _line(kind, code):
    return {"kind": kind, "code": code, "quantity": 1, "unit_price": 10, "amount": 10}
