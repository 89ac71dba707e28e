from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identity import (
    Identity,
    InvalidIdentity,
    OnFile,
    compare_identity,
    identity_state,
    normalized_name,
    parse_identity,
    same_name,
)

TODAY = date(2026, 12, 3)
CARD = {
    "kind": "cedeao",
    "number": "SN0123456",
    "nin": "1 751 1975 00123",
    "surname": "DIOP",
    "given_names": "Moussa  Ibrahima",
    "birth_date": date(1975, 11, 19),
    "sex": "M",
}


def identity(**changes):
    return parse_identity({**CARD, **changes}, today=TODAY)


class TestNames:
    def test_accents_case_punctuation_and_spaces_do_not_count(self):
        assert normalized_name("  N'DIAYE-Séné   Aïssatou ") == "n diaye sene aissatou"
        assert same_name("Ndèye Fàtou SECK", "seck ndeye fatou")

    def test_other_words_are_another_name(self):
        assert not same_name("Moussa Diop", "Moussa Ndiaye")
        assert not same_name("Moussa Diop", "Moussa Diop Fall")

    def test_not_a_text_is_no_name(self):
        assert normalized_name(None) == ""

    @given(st.text())
    def test_normalizing_twice_changes_nothing_and_never_fails(self, text):
        once = normalized_name(text)
        assert normalized_name(once) == once
        assert same_name(text, text)


class TestParse:
    def test_a_cedeao_card(self):
        found = identity()
        assert found == Identity(
            kind="cedeao",
            number="SN0123456",
            nin="1751197500123",
            surname="DIOP",
            given_names="Moussa Ibrahima",
            birth_date=date(1975, 11, 19),
            sex="M",
        )
        assert found.full_name == "Moussa Ibrahima DIOP"

    def test_the_sex_comes_from_the_nin_when_not_given_and_the_date_may_be_text(self):
        found = identity(sex=None, birth_date="1975-11-19")
        assert (found.sex, found.birth_date) == ("M", date(1975, 11, 19))

    def test_a_cmu_card_without_nin(self):
        found = parse_identity(
            {"kind": "cmu", "number": "CMU-778", "surname": "Traoré", "sex": "F"}, today=TODAY
        )
        assert (found.nin, found.number, found.given_names, found.birth_date) == (
            None,
            "CMU-778",
            "",
            None,
        )

    @pytest.mark.parametrize(
        ("changes", "code"),
        [
            ({"kind": "passport"}, "IDENTITY_BAD_KIND"),
            ({"nin": None}, "IDENTITY_NO_NIN"),
            ({"kind": "cmu", "number": " "}, "IDENTITY_NO_CMU_NUMBER"),
            ({"surname": ""}, "IDENTITY_NO_SURNAME"),
            ({"surname": 12}, "IDENTITY_NOT_TEXT"),
            ({"sex": "X"}, "IDENTITY_BAD_SEX"),
            ({"sex": "F"}, "IDENTITY_SEX_NOT_NIN"),
            ({"birth_date": "19/11/1975"}, "IDENTITY_BAD_BIRTH_DATE"),
            ({"birth_date": date(2027, 1, 1)}, "IDENTITY_BAD_BIRTH_DATE"),
            ({"birth_date": 1975}, "IDENTITY_BAD_BIRTH_DATE"),
        ],
    )
    def test_what_cannot_be_recorded_says_why(self, changes, code):
        with pytest.raises(InvalidIdentity) as caught:
            identity(**changes)
        assert caught.value.code == code
        assert str(caught.value)

    def test_a_bad_nin_is_the_nin_s_own_error(self):
        with pytest.raises(InvalidIdentifier) as caught:
            identity(nin="12345")
        assert caught.value.code == "NIN_BAD_LENGTH"

    def test_not_a_dict(self):
        with pytest.raises(InvalidIdentity) as caught:
            parse_identity(["DIOP"])
        assert caught.value.code == "IDENTITY_NOT_A_RECORD"


class TestCompare:
    def test_a_file_keyed_with_the_same_name_agrees_and_takes_what_it_lacks(self):
        result = compare_identity(OnFile(name="diop moussa ibrahima"), identity())
        assert result.agrees
        assert result.missing == ("nin", "surname", "given_names", "birth_date", "sex")

    def test_another_keyed_name_is_a_difference(self):
        result = compare_identity(OnFile(name="Moussa Diop", nin="1751197500123"), identity())
        assert (result.differences, result.agrees) == (("name",), False)

    def test_a_recorded_identity_compares_each_name_and_field(self):
        on_file = OnFile(
            name="Moussa Diop",
            nin="1751197500123",
            surname="Diop",
            given_names="Moussa Ibrahima",
            birth_date=date(1975, 11, 20),
            sex="M",
        )
        assert compare_identity(on_file, identity()).differences == ("birth_date",)
        other = identity(surname="Fall", given_names="Moussa")
        assert compare_identity(on_file, other).differences == (
            "surname",
            "given_names",
            "birth_date",
        )
        assert compare_identity(on_file, identity()).missing == ()

    def test_another_nin_is_a_difference_and_what_the_identity_lacks_is_no_difference(self):
        on_file = OnFile(name="Moussa Ibrahima Diop", nin="1751197500999", sex="M")
        found = parse_identity(
            {
                "kind": "cmu",
                "number": "CMU-1",
                "nin": "1751197500123",
                "surname": "DIOP",
                "given_names": "Moussa Ibrahima",
            },
            today=TODAY,
        )
        assert compare_identity(on_file, found).differences == ("nin",)
        no_date = compare_identity(OnFile(name="x", birth_date=date(1975, 1, 1)), found)
        assert "birth_date" not in no_date.differences + no_date.missing


class TestState:
    @pytest.mark.parametrize("source", ["card", "registry", "staff"])
    def test_a_source_that_vouches_confirms(self, source):
        assert identity_state(source, conflict_open=False) == "confirmed"

    @pytest.mark.parametrize("source", ["provider_card", "keyed"])
    def test_a_provider_s_card_read_or_the_staff_s_typing_waits_for_the_registry(self, source):
        assert identity_state(source, conflict_open=False) == "to_confirm"

    def test_a_provider_s_card_read_that_changes_nothing_keeps_a_confirmed_file_confirmed(self):
        assert identity_state("provider_card", False, was_confirmed=True, changed=False) == (
            "confirmed"
        )
        assert identity_state("provider_card", False, was_confirmed=True, changed=True) == (
            "to_confirm"
        )

    def test_an_open_conflict_wins(self):
        assert identity_state("registry", conflict_open=True) == "conflict"

    def test_an_unknown_source_is_a_programming_error(self):
        with pytest.raises(ValueError):
            identity_state("rumour", conflict_open=False)
