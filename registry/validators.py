"""Validation and normalisation of the registry's identifiers: NIK, NIB, phone, KBLI.

Plain functions used by the model fields, the forms and the importer alike, so that a value
accepted by one is accepted by all. Messages are English msgids, shown in Indonesian."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Kemendagri province codes, the first two digits of every NIK (Papua's 2022 split included).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip

_DIGITS = re.compile(r"\d+")


def _is_digits(value: str | None, length: int) -> bool:
    # str methods rather than a regex: the importer asks this 100,000 times per file.
    return bool(value) and len(value) == length and value.isascii() and value.isdigit()


def only_digits(value: str | None) -> str:
    return "".join(_DIGITS.findall(str(value or "")))


def nik_birth_date(nik: str, today: date | None = None) -> date | None:
    """The birth date encoded in digits 7-12 (DDMMYY, day + 40 for women), or None when it
    is not a real date. The century is not written: the later one that is not in the
    future is taken."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    today = today or timezone.localdate()
    for century in (2000, 1900):
        try:
            born = date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            return born
    return None


def nik_is_female(nik: str) -> bool:
    return int(nik[6:8]) > 40


def validate_nik(value: str, today: date | None = None) -> None:
    """A NIK: 16 digits, a real province, kabupaten/kota and kecamatan code, a real birth
    date and a serial number. The region is where the NIK was first issued, so any
    province is fine, not only Cilegon's 3672."""
    if not _is_digits(value, 16):
        raise ValidationError(_("NIK must be exactly 16 digits."), code="nik_format")
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("NIK starts with %(code)s, which is not a province code."),
            code="nik_province",
            params={"code": value[:2]},
        )
    if value[2:4] == "00" or value[4:6] == "00":
        raise ValidationError(_("NIK has no kabupaten/kota or kecamatan code."), code="nik_region")
    if nik_birth_date(value, today) is None:
        raise ValidationError(
            _("NIK digits 7-12 (%(digits)s) are not a birth date DDMMYY."),
            code="nik_birth_date",
            params={"digits": value[6:12]},
        )
    if value[12:] == "0000":
        raise ValidationError(
            _("NIK ends in 0000, which is not a serial number."), code="nik_serial"
        )


def validate_nib(value: str) -> None:
    """A NIB from OSS: 13 digits. It carries no checksum, so nothing more can be checked."""
    if not _is_digits(value, 13):
        raise ValidationError(_("NIB must be exactly 13 digits."), code="nib_format")


def normalize_phone(value: str | None) -> str:
    """ "0812-3456-7890", "62 812 3456 7890" and "+62 812-3456-7890" -> "+6281234567890".
    Landlines keep their area code: "(0254) 391234" -> "+62254391234". Empty stays empty.
    Raises ValidationError for something that is not an Indonesian number."""
    text = str(value or "").strip()
    if not text:
        return ""
    if re.search(r"[^\d\s+().\-/]", text):
        raise ValidationError(
            _("Phone number %(value)s contains letters."), code="phone", params={"value": text}
        )
    digits = only_digits(text)
    if digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("8"):
        national = digits
    else:
        national = ""
    if not re.fullmatch(r"[1-9]\d{7,12}", national):
        raise ValidationError(
            _("%(value)s is not an Indonesian phone number."), code="phone", params={"value": text}
        )
    return f"+62{national}"


def validate_phone(value: str) -> None:
    """For model fields: the stored form is already normalised (+62...)."""
    if value and normalize_phone(value) != value:
        raise ValidationError(_("Phone number must be written as +62..."), code="phone_format")


def validate_kbli(value: str) -> None:
    from .sectors import kbli_section

    if not _is_digits(value, 5) or kbli_section(value) is None:
        raise ValidationError(
            _("%(value)s is not a KBLI 2020 code (5 digits)."), code="kbli", params={"value": value}
        )


def validate_year_started(value: int) -> None:
    if not 1900 <= value <= timezone.localdate().year:
        raise ValidationError(
            _("Year started must be between 1900 and this year."), code="year_started"
        )


def mask_nik(nik: str | None) -> str:
    """ "3672015708900001" -> "3672********0001": the region stays readable, the birth date
    and the person do not."""
    if not nik:
        return ""
    if len(nik) < 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def mask_phone(phone: str | None) -> str:
    """ "+6281234567890" -> "+62812*****890"."""
    if not phone:
        return ""
    if len(phone) <= 8:
        return "*" * len(phone)
    return phone[:6] + "*" * (len(phone) - 9) + phone[-3:]
