from datetime import date

import pytest
from django.core.exceptions import ValidationError

from registry.validators import (
    mask_nik,
    mask_phone,
    nik_birth_date,
    nik_is_female,
    normalize_phone,
    validate_kbli,
    validate_nib,
    validate_nik,
)


@pytest.mark.parametrize(
    "nik",
    [
        "3672011506850001",  # Cilegon, man born 15-06-1985
        "3672015506850001",  # the same day for a woman (15 + 40)
        "3204014107990123",  # issued in Kab. Bandung: the region need not be Cilegon's
        "9601012902000001",  # Papua Barat Daya, born 29-02-2000 (a leap year)
        "1271017112010009",  # a woman born 31-12-2001
    ],
)
def test_it_accepts_real_niks(nik):
    validate_nik(nik)


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("367201150685000", "nik_format"),  # 15 digits
        ("36720115068500011", "nik_format"),  # 17 digits
        ("36720115O6850001", "nik_format"),  # a letter O
        ("", "nik_format"),
        ("0072011506850001", "nik_province"),
        ("2272011506850001", "nik_province"),  # 22 is no province
        ("3600011506850001", "nik_region"),  # no kabupaten/kota
        ("3672001506850001", "nik_region"),  # no kecamatan
        ("3672013206850001", "nik_birth_date"),  # day 32
        ("3672017206850001", "nik_birth_date"),  # day 72 (32 + 40)
        ("3672011513850001", "nik_birth_date"),  # month 13
        ("3672013102850001", "nik_birth_date"),  # 31 February
        ("3672012902010001", "nik_birth_date"),  # 29 February 2001/1901, neither a leap year
        ("3672011506850000", "nik_serial"),
    ],
)
def test_it_refuses_niks_that_cannot_exist(nik, code):
    with pytest.raises(ValidationError) as error:
        validate_nik(nik)
    assert error.value.code == code


def test_it_reads_birth_date_and_sex_from_a_nik():
    assert nik_birth_date("3672015506850001") == date(1985, 6, 15)
    assert nik_is_female("3672015506850001")
    assert not nik_is_female("3672011506850001")
    # The later century that is not in the future: 05 is 2005, 85 is 1985.
    assert nik_birth_date("3672011506050001", today=date(2026, 1, 1)) == date(2005, 6, 15)


@pytest.mark.parametrize("nib", ["9120001234567", "0000000000001"])
def test_it_accepts_13_digit_nibs(nib):
    validate_nib(nib)


@pytest.mark.parametrize("nib", ["912000123456", "91200012345678", "912000123456X", ""])
def test_it_refuses_other_nibs(nib):
    with pytest.raises(ValidationError):
        validate_nib(nib)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("(0254) 391234", "+62254391234"),  # Cilegon landline
        ("", ""),
        (None, ""),
    ],
)
def test_it_normalises_phone_numbers_to_plus_62(written, stored):
    assert normalize_phone(written) == stored


@pytest.mark.parametrize(
    "written", ["12345", "0812abc4567", "+1 415 555 0100", "00000000000", "0812345678901234"]
)
def test_it_refuses_what_is_not_an_indonesian_number(written):
    with pytest.raises(ValidationError):
        normalize_phone(written)


@pytest.mark.parametrize("code", ["56102", "01111", "96200", "47111"])
def test_it_accepts_kbli_codes(code):
    validate_kbli(code)


@pytest.mark.parametrize("code", ["5610", "561021", "04111", "00000", "abcde"])
def test_it_refuses_codes_outside_kbli_2020(code):
    with pytest.raises(ValidationError):
        validate_kbli(code)


def test_it_masks_nik_and_phone_for_lists():
    assert mask_nik("3672011506850001") == "3672********0001"
    assert mask_phone("+6281234567890") == "+62812*****890"
    assert mask_nik("") == ""
    assert mask_phone("") == ""
