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
        ("value", "reason"),
        [
            ("175119850123", "13 caractères"),
            ("17511985012345", "13 caractères"),
            ("3751198501234", "chiffre de sexe"),
            ("0751198501234", "chiffre de sexe"),
            ("17511985O1234", "numéro d'ordre"),
            ("1751198A01234", "forme attendue"),
            ("17_1198501234", "forme attendue"),
            ("1751189901234", "1900"),
            ("1751202701234", "2026"),
            ("", "13 caractères"),
        ],
    )
    def test_bad_forms_are_refused_with_reason(self, value, reason):
        with pytest.raises(InvalidIdentifier, match=reason):
            parse_nin(value, today=TODAY)

    def test_not_a_string(self):
        with pytest.raises(InvalidIdentifier, match="chaîne"):
            parse_nin(1751198501234)

    def test_year_of_today_is_accepted(self):
        assert parse_nin("2751202601234", today=TODAY).year == 2026

    def test_is_valid_nin(self):
        assert is_valid_nin("1751198501234", today=TODAY)
        assert not is_valid_nin("1751", today=TODAY)


class TestNinea:
    def test_current_form_with_cofi(self):
        ninea = parse_ninea("3067221 2G2")
        assert (ninea.number, ninea.legacy, ninea.warning) == ("30672212G2", False, "")

    def test_seven_digits(self):
        assert parse_ninea("306 7221").number == "3067221"

    def test_legacy_ten_digits_warns(self):
        ninea = parse_ninea("0123456789")
        assert ninea.legacy
        assert "ancienne forme" in ninea.warning

    @pytest.mark.parametrize("value", ["3067222", "12345678", "1234567 0AZ", "ABCDEFG", ""])
    def test_bad_ninea_refused(self, value):
        with pytest.raises(InvalidIdentifier, match="NINEA"):
            parse_ninea(value)


class TestRccm:
    def test_parses_and_normalises(self):
        rccm = parse_rccm("sn dkr 2015 b 14769", today=TODAY)
        assert rccm.number == "SN-DKR-2015-B-14769"
        assert (rccm.city, rccm.year, rccm.form, rccm.serial) == ("DKR", 2015, "B", "14769")

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("SN-DK-2015-B-14769", "forme attendue"),
            ("CI-DKR-2015-B-14769", "forme attendue"),
            ("SN-DKR-15-B-14769", "forme attendue"),
            ("SN-DKR-2015-14769", "forme attendue"),
            ("SN-DKR-2015-B-1234567", "forme attendue"),
            ("SN-DKR-2030-B-14769", "plausible"),
        ],
    )
    def test_bad_rccm_refused(self, value, reason):
        with pytest.raises(InvalidIdentifier, match=reason):
            parse_rccm(value, today=TODAY)
