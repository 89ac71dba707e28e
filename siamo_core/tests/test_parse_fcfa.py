"""The strict reader of typed FCFA amounts: what it takes, what it refuses and why."""

import random

import pytest

from siamo_core.exceptions import InvalidAmount
from siamo_core.money import MAX_TYPED_FCFA, format_fcfa, parse_fcfa

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("250000", 250_000),
        ("250 000", 250_000),
        (f"250{NBSP}000", 250_000),
        (f"250{NNBSP}000", 250_000),
        ("250.000", 250_000),
        ("1.250.000", 1_250_000),
        ("1 250 000", 1_250_000),
        (f"1{NNBSP}250{NBSP}000", 1_250_000),  # two kinds of space still group by three
        ("12 500", 12_500),
        ("0", 0),
        ("7", 7),
        ("007", 7),  # plain digits: leading zeros change nothing
        ("  250000\t", 250_000),
        (f"{NBSP}250 000{NNBSP}", 250_000),
        ("2147483647", MAX_TYPED_FCFA),
        (250_000, 250_000),
    ],
)
def test_accepts(text, amount):
    result = parse_fcfa(text)
    assert result == amount
    assert type(result) is int


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("250,5", "AMOUNT_HAS_COMMA"),
        ("250,000", "AMOUNT_HAS_COMMA"),  # English thousands or French decimals: not guessed
        ("250,", "AMOUNT_HAS_COMMA"),
        ("250.5", "AMOUNT_AMBIGUOUS_DOT"),
        ("250.50", "AMOUNT_AMBIGUOUS_DOT"),
        ("250.00", "AMOUNT_AMBIGUOUS_DOT"),
        ("1.2345", "AMOUNT_AMBIGUOUS_DOT"),
        ("0.500", "AMOUNT_AMBIGUOUS_DOT"),  # half a franc or five hundred: not guessed
        ("1.250.00", "AMOUNT_AMBIGUOUS_DOT"),
        (".500", "AMOUNT_AMBIGUOUS_DOT"),
        ("250.", "AMOUNT_AMBIGUOUS_DOT"),
        ("1..000", "AMOUNT_AMBIGUOUS_DOT"),
        ("2 50 000", "AMOUNT_BAD_GROUPING"),
        ("2500 000", "AMOUNT_BAD_GROUPING"),
        ("250  000", "AMOUNT_BAD_GROUPING"),
        ("25 00", "AMOUNT_BAD_GROUPING"),
        ("0 500", "AMOUNT_BAD_GROUPING"),
        ("250 000.000", "AMOUNT_MIXED_SEPARATORS"),
        ("1.250 000", "AMOUNT_MIXED_SEPARATORS"),
        ("", "AMOUNT_EMPTY"),
        ("   ", "AMOUNT_EMPTY"),
        (f"{NBSP}", "AMOUNT_EMPTY"),
        ("-5", "AMOUNT_NEGATIVE"),
        ("-250 000", "AMOUNT_NEGATIVE"),
        ("- 5", "AMOUNT_NEGATIVE"),
        (-5, "AMOUNT_NEGATIVE"),
        ("abc", "AMOUNT_NOT_A_NUMBER"),
        ("+5", "AMOUNT_NOT_A_NUMBER"),
        ("1e5", "AMOUNT_NOT_A_NUMBER"),
        ("250000 FCFA", "AMOUNT_NOT_A_NUMBER"),
        ("0x10", "AMOUNT_NOT_A_NUMBER"),
        ("²", "AMOUNT_NOT_A_NUMBER"),
        ("٣٠٠", "AMOUNT_NOT_A_NUMBER"),  # Arabic-Indic digits are digits to Python, not here
        ("２５０", "AMOUNT_NOT_A_NUMBER"),  # full-width digits
        ("NaN", "AMOUNT_NOT_A_NUMBER"),
        ("Infinity", "AMOUNT_NOT_A_NUMBER"),
        ("--5", "AMOUNT_NOT_A_NUMBER"),
        ("5-", "AMOUNT_NOT_A_NUMBER"),
        ("2147483648", "AMOUNT_TOO_LARGE"),
        ("9" * 400, "AMOUNT_TOO_LARGE"),
        (None, "AMOUNT_NOT_TEXT"),
        (250.0, "AMOUNT_NOT_TEXT"),
        (True, "AMOUNT_NOT_TEXT"),
        (b"250000", "AMOUNT_NOT_TEXT"),
    ],
)
def test_refuses_with_its_code(text, code):
    with pytest.raises(InvalidAmount) as caught:
        parse_fcfa(text)
    assert caught.value.code == code
    assert caught.value.template
    assert str(caught.value) == caught.value.template % caught.value.params


def test_the_refusal_names_what_was_typed():
    with pytest.raises(InvalidAmount) as caught:
        parse_fcfa(" 250,5 ")
    assert caught.value.params == {"value": "250,5"}
    assert str(caught.value).startswith("“250,5” has a comma")


def test_the_limit_is_said_and_can_be_moved():
    with pytest.raises(InvalidAmount) as caught:
        parse_fcfa("1 000 001", maximum=1_000_000)
    assert caught.value.code == "AMOUNT_TOO_LARGE"
    assert caught.value.params == {"value": "1 000 001", "maximum": "1 000 000"}
    assert parse_fcfa("1 000 000", maximum=1_000_000) == 1_000_000
    assert parse_fcfa("9" * 30, maximum=None) == int("9" * 30)


def test_every_way_of_writing_an_amount_reads_back():
    """What format_fcfa writes, and the same with a space, a no-break space or a dot."""
    rng = random.Random(12)
    amounts = [0, 1, 999, 1000, 10_000, 999_999, 1_000_000, MAX_TYPED_FCFA]
    amounts += [rng.randrange(MAX_TYPED_FCFA) for _ in range(2000)]
    for amount in amounts:
        written = format_fcfa(amount).removesuffix(f"{NNBSP}FCFA")
        for separator in (NNBSP, NBSP, " ", "."):
            assert parse_fcfa(written.replace(NNBSP, separator)) == amount
        assert parse_fcfa(str(amount)) == amount


def test_a_dot_is_never_read_as_decimals():
    """Whatever follows a dot, the amount is either every digit or refused."""
    for whole in ("1", "25", "250", "1.250"):
        for decimals in ("0", "5", "00", "50", "000", "500", "0000"):
            text = f"{whole}.{decimals}"
            try:
                amount = parse_fcfa(text)
            except InvalidAmount as error:
                assert error.code == "AMOUNT_AMBIGUOUS_DOT", text
            else:
                assert len(decimals) == 3, text
                assert amount == int(text.replace(".", "")), text


def _salary_cells(*cells):
    from siamo_core.rows import check_table
    from siamo_core.spreadsheet import Table
    from siamo_core.staff import STAFF

    header = ["Matricule", "Nom", "Salaire"]
    rows = [(n, [f"MAT-{n}", "Awa Ndiaye", cell]) for n, cell in enumerate(cells, start=2)]
    return check_table(STAFF, Table(header, rows))


def test_a_text_cell_of_a_file_is_read_strictly_and_a_number_cell_stays_a_number():
    result = _salary_cells("250.000", f"250{NNBSP}000", "250 000", 250_000, "1.250.000")
    assert not result.errors
    assert [record["salary"] for _, record in result.records] == [
        250_000,
        250_000,
        250_000,
        250_000,
        1_250_000,
    ]


def test_a_text_cell_that_could_hold_decimals_is_refused():
    result = _salary_cells("250,5", "250.5", "2 50 000", "-5")
    assert not result.records
    reasons = {error.row: error.reason.code for error in result.errors}
    assert reasons == {
        2: "ROW_AMOUNT_NOT_WHOLE",
        3: "ROW_AMOUNT_NOT_WHOLE",
        4: "ROW_NOT_AN_AMOUNT",
        5: "ROW_NEGATIVE_AMOUNT",
    }
