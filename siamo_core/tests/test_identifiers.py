from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identifiers import (
    identifier_key,
    is_valid_nin,
    normalized_nin,
    parse_nin,
    parse_ninea,
    parse_rccm,
)

TODAY = date(2026, 11, 23)


class TestNin:
    def test_parses_each_part(self):
        nin = parse_nin("1 751 1985 01234", today=TODAY)
        assert nin.number == "1751198501234"
        assert (nin.sex, nin.centre, nin.year, nin.serial) == ("M", "751", 1985, "01234")

    def test_woman_and_alphanumeric_centre(self):
        nin = parse_nin("2a0B200000042", today=TODAY)
        assert (nin.sex, nin.centre, nin.number) == ("F", "A0B", "2A0B200000042")

    def test_separators_are_ignored(self):
        assert parse_nin("1-751-1985-01234", today=TODAY).number == "1751198501234"

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ("175119850123", "NIN_BAD_LENGTH"),
            ("17511985012345", "NIN_BAD_LENGTH"),
            ("3751198501234", "NIN_BAD_FORM"),
            ("0751198501234", "NIN_BAD_FORM"),
            ("17511985O1234", "NIN_BAD_FORM"),
            ("1751198A01234", "NIN_BAD_FORM"),
            ("17_1198501234", "NIN_BAD_FORM"),
            ("1751189901234", "NIN_BAD_YEAR"),
            ("1751202701234", "NIN_BAD_YEAR"),
            ("", "NIN_BAD_LENGTH"),
        ],
    )
    def test_bad_forms_are_refused_with_reason(self, value, code):
        with pytest.raises(InvalidIdentifier) as refused:
            parse_nin(value, today=TODAY)
        assert refused.value.code == code
        assert refused.value.params["value"] == value

    def test_codes_carry_their_parameters(self):
        with pytest.raises(InvalidIdentifier) as short:
            parse_nin("175119850123", today=TODAY)
        assert short.value.params == {"value": "175119850123", "length": 12}
        assert str(short.value) == "A NIN has 13 characters; “175119850123” has 12."
        with pytest.raises(InvalidIdentifier) as old:
            parse_nin("1751189901234", today=TODAY)
        assert (old.value.code, old.value.params) == (
            "NIN_BAD_YEAR",
            {"value": "1751189901234", "year": 1899, "first": 1900, "last": 2026},
        )

    def test_not_a_string(self):
        with pytest.raises(InvalidIdentifier) as refused:
            parse_nin(1751198501234)
        assert (refused.value.code, refused.value.params) == ("IDENTIFIER_NOT_TEXT", {})

    def test_year_of_today_is_accepted(self):
        assert parse_nin("2751202601234", today=TODAY).year == 2026

    def test_is_valid_nin(self):
        assert is_valid_nin("1751198501234", today=TODAY)
        assert not is_valid_nin("1751", today=TODAY)


class TestNinea:
    def test_current_form_with_cofi(self):
        ninea = parse_ninea("3067221 2G2")
        assert (ninea.number, ninea.legacy, ninea.warning) == ("30672212G2", False, None)

    def test_seven_digits(self):
        assert parse_ninea("306 7221").number == "3067221"

    def test_legacy_ten_digits_warns(self):
        ninea = parse_ninea("0123456789")
        assert ninea.legacy
        assert (ninea.warning.code, ninea.warning.params) == (
            "NINEA_LEGACY_FORM",
            {"value": "0123456789"},
        )

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ("3067222", "NINEA_BAD_CHECKSUM"),
            ("12345678", "NINEA_BAD_LENGTH"),
            ("1234567 0AZ", "NINEA_BAD_FORM"),
            ("ABCDEFG", "NINEA_BAD_FORM"),
            ("", "NINEA_BAD_LENGTH"),
        ],
    )
    def test_bad_ninea_refused(self, value, code):
        with pytest.raises(InvalidIdentifier, match="NINEA") as refused:
            parse_ninea(value)
        assert (refused.value.code, refused.value.params) == (code, {"value": value})


class TestRccm:
    def test_parses_and_normalises(self):
        rccm = parse_rccm("sn dkr 2015 b 14769", today=TODAY)
        assert rccm.number == "SN-DKR-2015-B-14769"
        assert (rccm.city, rccm.year, rccm.form, rccm.serial) == ("DKR", 2015, "B", "14769")

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ("SN-DK-2015-B-14769", "RCCM_BAD_FORM"),
            ("CI-DKR-2015-B-14769", "RCCM_BAD_FORM"),
            ("SN-DKR-15-B-14769", "RCCM_BAD_FORM"),
            ("SN-DKR-2015-14769", "RCCM_BAD_FORM"),
            ("SN-DKR-2015-B-1234567", "RCCM_BAD_FORM"),
            ("SN-DKR-2030-B-14769", "RCCM_BAD_YEAR"),
        ],
    )
    def test_bad_rccm_refused(self, value, code):
        with pytest.raises(InvalidIdentifier) as refused:
            parse_rccm(value, today=TODAY)
        assert refused.value.code == code


class TestBeneficiaryKey:
    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("1751198501234", ("nin", "1751198501234")),
            (" 2a0b 2000 00042 ", ("nin", "2A0B200000042")),
            ("1-751-1985-01234", ("nin", "1751198501234")),
            ("M000042", ("member_number", "M000042")),
            ("  M000042\t", ("member_number", "M000042")),
            # the form of a NIN but not a valid one (year 1899, year to come): a member number
            ("1751189901234", ("member_number", "1751189901234")),
            ("1751202701234", ("member_number", "1751202701234")),
            ("3751198501234", ("member_number", "3751198501234")),
            ("175119850123", ("member_number", "175119850123")),
        ],
    )
    def test_a_text_names_a_beneficiary_by_nin_else_by_member_number(self, text, key):
        assert identifier_key(text, today=TODAY) == key

    def test_a_blank_text_names_no_one_and_a_number_is_not_a_text(self):
        assert identifier_key("", today=TODAY) is None
        assert identifier_key(" \t ", today=TODAY) is None
        with pytest.raises(InvalidIdentifier) as refused:
            identifier_key(1751198501234)
        assert refused.value.code == "IDENTIFIER_NOT_TEXT"

    def test_normalized_nin_is_none_for_anything_not_a_nin(self):
        assert normalized_nin("1 751 1985 01234", today=TODAY) == "1751198501234"
        assert normalized_nin("1751202601234", today=date(2025, 12, 31)) is None
        for value in ("M000042", "", None, 1751198501234):
            assert normalized_nin(value, today=TODAY) is None

    @settings(max_examples=300, derandomize=True, deadline=None, database=None)
    @given(
        st.from_regex(r"[12][0-9A-Z]{3}(19[0-9]{2}|20[01][0-9]|202[0-6])[0-9]{5}", fullmatch=True),
        st.sampled_from(["", " ", "-", "."]),
    )
    def test_any_valid_nin_however_written_is_a_nin(self, nin, separator):
        written = separator.join([nin[0], nin[1:4].lower(), nin[4:8], nin[8:]])
        assert identifier_key(f" {written} ", today=TODAY) == ("nin", nin)

    @settings(max_examples=200, derandomize=True, deadline=None, database=None)
    @given(st.from_regex(r"M[0-9]{1,12}", fullmatch=True))
    def test_a_member_number_never_reads_as_a_nin(self, number):
        assert identifier_key(number, today=TODAY) == ("member_number", number)
