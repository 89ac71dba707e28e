from datetime import date
from decimal import Decimal

import pytest

from siamo_core.tariff import (
    AGREEMENT,
    KEY_LETTER,
    PUBLIC_PRICE,
    AgreementPrice,
    Item,
    KeyLetterValue,
    NoTariff,
    tariff,
    value_in_force,
)

SCHEDULE = "ARRETE_2013"
VALUES = (
    KeyLetterValue("C", SCHEDULE, 3000, date(2013, 2, 18)),
    KeyLetterValue("C", SCHEDULE, 3500, date(2024, 1, 1)),
    KeyLetterValue("B", SCHEDULE, 250, date(2013, 2, 18)),
    KeyLetterValue("C", "OTHER", 9999, date(2010, 1, 1)),
)
CONSULTATION = Item("C01", "consultation", key_letter="C", coefficient=Decimal(1))
BLOOD_COUNT = Item("B-NFS", "biology", key_letter="B", coefficient=Decimal("35"))
PARACETAMOL = Item("MED-001", "medicine", public_price=850)


def test_value_in_force_on_each_side_of_a_change():
    assert value_in_force(VALUES, "C", SCHEDULE, date(2023, 12, 31)).value == 3000
    assert value_in_force(VALUES, "C", SCHEDULE, date(2024, 1, 1)).value == 3500
    assert value_in_force(VALUES, "C", SCHEDULE, date(2013, 2, 17)) is None


@pytest.mark.parametrize(
    ("care_date", "expected"), [(date(2023, 12, 31), 3000), (date(2024, 1, 1), 3500)]
)
def test_key_letter_tariff_on_the_boundary(care_date, expected):
    assert tariff(CONSULTATION, care_date, VALUES, SCHEDULE) == (expected, KEY_LETTER)


def test_coefficient_times_value_rounded_half_up():
    item = Item("K15", "surgery", key_letter="B", coefficient=Decimal("1.5"))
    values = (KeyLetterValue("B", SCHEDULE, 333, date(2013, 1, 1)),)
    assert tariff(item, date(2020, 1, 1), values, SCHEDULE).amount == 500  # 499.5 -> 500
    assert tariff(BLOOD_COUNT, date(2020, 1, 1), VALUES, SCHEDULE).amount == 8750


def test_agreement_price_wins_over_the_schedule():
    prices = (AgreementPrice("C01", 5000, date(2020, 1, 1), date(2024, 12, 31)),)
    assert tariff(CONSULTATION, date(2024, 6, 1), VALUES, SCHEDULE, prices) == (5000, AGREEMENT)
    assert tariff(CONSULTATION, date(2025, 1, 1), VALUES, SCHEDULE, prices).source == KEY_LETTER


def test_latest_agreement_price_wins_when_ranges_overlap():
    prices = (
        AgreementPrice("C01", 5000, date(2020, 1, 1)),
        AgreementPrice("C01", 5500, date(2025, 1, 1)),
    )
    assert tariff(CONSULTATION, date(2025, 3, 1), VALUES, SCHEDULE, prices).amount == 5500
    assert tariff(CONSULTATION, date(2024, 3, 1), VALUES, SCHEDULE, prices).amount == 5000


def test_public_price_last():
    assert tariff(PARACETAMOL, date(2024, 1, 1), VALUES, SCHEDULE) == (850, PUBLIC_PRICE)
    before_schedule = Item(
        "C01", "consultation", key_letter="C", coefficient=Decimal(1), public_price=4000
    )
    assert tariff(before_schedule, date(2000, 1, 1), VALUES, SCHEDULE).source == PUBLIC_PRICE


def test_no_tariff_is_a_coded_error():
    with pytest.raises(NoTariff, match="No tariff for “C01” on 2000-01-01") as refused:
        tariff(CONSULTATION, date(2000, 1, 1), VALUES, SCHEDULE)
    assert (refused.value.code, refused.value.params) == (
        "TARIFF_NONE",
        {"item": "C01", "date": date(2000, 1, 1)},
    )
    with pytest.raises(NoTariff):
        tariff(CONSULTATION, date(2024, 1, 1), VALUES, schedule=None)
