from datetime import date

import pytest

from siamo_core.exceptions import InvalidIdentifier
from siamo_core.identifiers import is_valid_nin, parse_nin, parse_ninea, parse_rccm

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
