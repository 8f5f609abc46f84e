"""Validation and normalisation of the registry's identifiers: NIK, NIB, phone, KBLI.

Plain functions used by the model fields, the forms and the importer alike, so that a value
accepted by one is accepted by all. Messages are English msgids, shown in Indonesian."""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .size import is_above_umkm_limits

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

# Kemendagri's kabupaten/kota codes (digits 1-4 of a NIK), with the codes that moved to a new
# province in a split: a NIK keeps the code it was first issued under.
KABUPATEN_KOTA_CSV = Path(__file__).resolve().parent / "data" / "kemendagri_kabupaten_kota.csv"

# Below this age (by the NIK) an owner is flagged for the office, not refused: a KTP is issued
# at 17, so a younger owner is most likely a mistyped NIK or a parent's business.
ADULT_AGE = 17
# The birth year has two digits; the 1900s reading is taken only when it makes the owner
# younger than this, otherwise the date is one later this year: in the future.
MAX_AGE = 100

_DIGITS = re.compile(r"\d+")


@cache
def kabupaten_kota_codes() -> frozenset[str]:
    """The 4-digit kabupaten/kota codes ("3672"), from registry/data."""
    with KABUPATEN_KOTA_CSV.open(encoding="utf-8") as handle:
        return frozenset(row["kode"].replace(".", "") for row in csv.DictReader(handle))


def _is_digits(value: str | None, length: int) -> bool:
    # str methods rather than a regex: the importer asks this 100,000 times per file.
    return bool(value) and len(value) == length and value.isascii() and value.isdigit()


def only_digits(value: str | None) -> str:
    return "".join(_DIGITS.findall(str(value or "")))


def nik_birth_date(nik: str, today: date | None = None) -> date | None:
    """The birth date encoded in digits 7-12 (DDMMYY, day + 40 for women), or None when it
    is not a real date. The century is not written: the later one that is not in the
    future is taken."""
    today = today or timezone.localdate()
    for born in _birth_date_readings(nik):
        if born <= today and today.year - born.year < MAX_AGE:
            return born
    return None


def _birth_date_readings(nik: str) -> list[date]:
    """The real dates digits 7-12 can be read as: in the 2000s, then in the 1900s."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    readings = []
    for century in (2000, 1900):
        try:
            readings.append(date(century + year, month, day))
        except ValueError:
            continue
    return readings


def nik_age(nik: str, today: date | None = None) -> int | None:
    """The owner's age in whole years by the NIK, or None when it carries no birth date."""
    today = today or timezone.localdate()
    born = nik_birth_date(nik, today) if _is_digits(nik, 16) else None
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def nik_is_minor(nik: str, today: date | None = None) -> bool:
    """Under 17 by the NIK: flagged for the office to check, never refused."""
    age = nik_age(nik, today)
    return age is not None and age < ADULT_AGE


def nik_is_female(nik: str) -> bool:
    return int(nik[6:8]) > 40


def validate_nik(value: str, today: date | None = None) -> None:
    """A NIK: 16 digits, a real province, kabupaten/kota and kecamatan code, a real birth
    date that is not in the future and a serial number. The region is where the NIK was
    first issued, so any kabupaten/kota of Kemendagri's list is fine, not only Cilegon's
    3672."""
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
    if value[:4] not in kabupaten_kota_codes():
        raise ValidationError(
            _("NIK digits 1-4 (%(code)s) are not a kabupaten/kota code of Kemendagri."),
            code="nik_kabupaten_kota",
            params={"code": value[:4]},
        )
    if not _birth_date_readings(value):
        raise ValidationError(
            _("NIK digits 7-12 (%(digits)s) are not a birth date DDMMYY."),
            code="nik_birth_date",
            params={"digits": value[6:12]},
        )
    if nik_birth_date(value, today) is None:
        raise ValidationError(
            _("NIK digits 7-12 (%(digits)s) are a birth date in the future."),
            code="nik_birth_future",
            params={"digits": value[6:12]},
        )
    if value[12:] == "0000":
        raise ValidationError(
            _("NIK ends in 0000, which is not a serial number."), code="nik_serial"
        )


def record_flags(
    *,
    owner_nik: str,
    capital: int | None,
    annual_turnover: int | None,
    today: date | None = None,
) -> list[str]:
    """What the office should check about a business that is nevertheless accepted: an
    owner under 17 by the NIK, figures above the UMKM limits. Shown on the import's row,
    after a save in the admin and on the business page."""
    flags = []
    age = nik_age(owner_nik, today)
    if age is not None and age < ADULT_AGE:
        flags.append(
            gettext("The owner is %(age)s by the NIK, under %(adult)s; check the NIK.")
            % {"age": age, "adult": ADULT_AGE}
        )
    if is_above_umkm_limits(capital, annual_turnover):
        flags.append(
            gettext(
                "Capital above Rp10 miliar or turnover above Rp50 miliar: not an UMKM "
                "(PP 7/2021); check the figures."
            )
        )
    return flags


def validate_nib(value: str) -> None:
    """A NIB from OSS: 13 digits. It carries no checksum, so nothing more can be checked."""
    if not _is_digits(value, 13):
        raise ValidationError(_("NIB must be exactly 13 digits."), code="nib_format")


def normalize_phone(value: str | None) -> str:
    """ "0812-3456-7890", "62 812 3456 7890" and "+62 812-3456-7890" -> "+6281234567890";
    so are the international prefix written as 00 ("0062 812...") and the national 0 kept
    after the country code ("+62 0812..."). Landlines keep their area code:
    "(0254) 391234" -> "+62254391234". Empty stays empty. Raises ValidationError for
    something that is not an Indonesian number."""
    text = str(value or "").strip()
    if not text:
        return ""
    if re.search(r"[^\d\s+().\-/]", text):
        raise ValidationError(
            _("Phone number %(value)s contains letters."), code="phone", params={"value": text}
        )
    digits = only_digits(text)
    if digits.startswith("0062"):
        digits = digits[2:]
    if digits.startswith("62"):
        national = digits[2:]
        if national.startswith("0"):
            national = national[1:]
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


# Above Rp1.000 triliun no business's capital or turnover is meant: a slip of the keyboard
# (and beyond a bigint, a value the database cannot hold).
MAX_AMOUNT = 10**15
# No business in the registry was registered before this day; an earlier date is a typo.
EARLIEST_REGISTRATION = date(1900, 1, 1)


def validate_amount(value: int) -> None:
    if value > MAX_AMOUNT:
        raise ValidationError(
            _("%(value)s is more than Rp1.000 triliun: check the digits."),
            code="amount_too_large",
            params={"value": f"{value:,}".replace(",", ".")},
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
