from datetime import date

from siamo_core.authorization import (
    NUMBER_ALPHABET,
    Authorization,
    AuthorizationSheet,
    ClaimedLine,
    authorization_payload,
    check_authorization,
    new_authorization_number,
    render_authorization,
)

SCAN = Authorization(
    number="PEC7K2M9QRST",
    beneficiary="M0000042",
    provider="PS-IMAGERIE",
    valid_from=date(2026, 11, 1),
    valid_until=date(2026, 11, 30),
    act_classes=frozenset({"imaging"}),
    amount_cap=100_000,
    amount_used=40_000,
)


def check(care_date=date(2026, 11, 15), lines=None, beneficiary="M0000042", provider="PS-IMAGERIE"):
    lines = lines or [ClaimedLine("Z30", "imaging", 60_000)]
    return [r.code for r in check_authorization(SCAN, beneficiary, provider, care_date, lines)]


def test_a_sheet_within_the_authorization_passes():
    assert check() == []


def test_validity_dates_are_inclusive():
    assert check(care_date=date(2026, 11, 1)) == []
    assert check(care_date=date(2026, 11, 30)) == []
    assert check(care_date=date(2026, 10, 31)) == ["FSE-AUTH-EXPIRED"]
    assert check(care_date=date(2026, 12, 1)) == ["FSE-AUTH-EXPIRED"]


def test_another_beneficiary_or_provider_is_refused():
    assert check(beneficiary="M0000043") == ["FSE-AUTH-MISMATCH"]
    assert check(provider="PS-AUTRE") == ["FSE-AUTH-MISMATCH"]


def test_items_outside_the_authorization_and_the_remaining_amount():
    assert check(lines=[ClaimedLine("C", "gp_consultation", 5_000)]) == ["FSE-AUTH-ITEM"]
    assert check(lines=[ClaimedLine("Z30", "imaging", 60_001)]) == ["FSE-AUTH-AMOUNT"]
    assert SCAN.amount_left == 60_000


def test_an_unknown_authorization():
    assert [r.code for r in check_authorization(None, "M", "P", date(2026, 1, 1), [])] == [
        "FSE-AUTH-UNKNOWN"
    ]


def test_an_authorization_without_items_or_cap_allows_any_item_and_amount():
    open_ended = Authorization("PEC1", "M1", "P1", date(2026, 1, 1), date(2026, 12, 31))
    assert open_ended.amount_left is None
    lines = [ClaimedLine("X", None, 10**7)]
    assert check_authorization(open_ended, "M1", "P1", date(2026, 6, 1), lines) == []


def test_numbers_are_short_ascii_and_unambiguous():
    numbers = {new_authorization_number() for _ in range(200)}
    assert len(numbers) == 200
    for number in numbers:
        assert number.startswith("PEC") and len(number) == 11
        assert set(number[3:]) <= set(NUMBER_ALPHABET)
        assert not set(number[3:]) & set("ILOU")


def test_the_printed_authorization_carries_an_ascii_qr_code():
    sheet = AuthorizationSheet(
        number="PEC7K2M9QRST",
        ipm_name="IPM Interentreprises de Dakar",
        beneficiary_name="Aïssatou Ndiaye",
        member_number="M0000042",
        provider_name="Centre d'imagerie",
        valid_from=date(2026, 11, 1),
        valid_until=date(2026, 11, 30),
        items=("Scanner cérébral",),
        amount_cap=100_000,
    )
    assert authorization_payload(sheet) == "SIAMOPEC1|PEC7K2M9QRST|M0000042|20261101|20261130"
    assert authorization_payload(sheet).isascii()
    pdf = render_authorization(sheet)
    assert pdf.startswith(b"%PDF")
    uncapped = render_authorization(AuthorizationSheet(**{**sheet.__dict__, "amount_cap": None}))
    assert uncapped.startswith(b"%PDF") and uncapped != pdf
