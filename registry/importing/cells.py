"""Reading one cell as people write it in the office's spreadsheets. Each parser returns
the value or raises CellError (registry/errors.py) with a message in the user's language."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..errors import CellError
from ..models import Sex, Source, Status
from ..sectors import Sector, sector_from_text
from ..text import Vocabulary, words
from ..validators import EARLIEST_REGISTRATION, validate_amount


def validation_message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


_MULTIPLIERS = {
    "rb": 1_000, "ribu": 1_000, "k": 1_000,
    "jt": 1_000_000, "juta": 1_000_000,
    "m": 1_000_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
}  # fmt: skip
_AMOUNT = re.compile(r"(?P<number>[\d.,]+)\s*(?P<unit>[a-z]*)")


def parse_amount(text: str) -> int:
    """Whole Rupiah from "5000000", "5.000.000", "Rp 5.000.000,00", "5,000,000",
    "2,5 juta" or "Rp5jt". Refuses fractions of a Rupiah, negative amounts and amounts above
    validators.MAX_AMOUNT."""
    if text.isascii() and text.isdigit():
        return _within_limit(int(text))  # the common case, without the regexes below
    raw = text
    text = text.strip().lower().replace("rp", "").replace(" ", "").strip(".")
    if text.startswith("-"):
        raise CellError(_("%(value)s: an amount cannot be negative.") % {"value": raw})
    match = _AMOUNT.fullmatch(text)
    if not match or match["unit"] not in {"", *_MULTIPLIERS}:
        raise CellError(_("%(value)s is not an amount of Rupiah.") % {"value": raw})
    number = _decimal(match["number"], raw)
    amount = number * _MULTIPLIERS.get(match["unit"], 1)
    if amount != amount.to_integral_value():
        raise CellError(_("%(value)s: amounts are whole Rupiah.") % {"value": raw})
    return _within_limit(int(amount))


def _within_limit(amount: int) -> int:
    try:
        validate_amount(amount)  # more than any business's figure, or than a bigint holds
    except ValidationError as error:
        raise CellError(validation_message(error)) from error
    return amount


def _decimal(number: str, raw: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", number):  # 5.000.000,00 (Indonesian)
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):  # 5,000,000.00 (English)
        number = number.replace(",", "")
    elif re.fullmatch(r"\d+(,\d+)?", number):  # 2,5 (decimal comma)
        number = number.replace(",", ".")
    elif not re.fullmatch(r"\d+(\.\d+)?", number):
        raise CellError(_("%(value)s is not an amount of Rupiah.") % {"value": raw})
    try:
        return Decimal(number)
    except InvalidOperation as error:
        raise CellError(_("%(value)s is not an amount of Rupiah.") % {"value": raw}) from error


def parse_whole_number(text: str, *, minimum: int, maximum: int, label) -> int:
    """label may be lazy: it is only translated when there is an error to report."""
    cleaned = text.strip()
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", cleaned):  # 1.200 written with a thousands dot
        cleaned = cleaned.replace(".", "")
    # 0-9 only: str.isdigit() also takes "²", which int() refuses.
    if cleaned.isascii() and cleaned.isdigit() and minimum <= int(cleaned) <= maximum:
        return int(cleaned)
    raise CellError(
        _("%(label)s must be a whole number from %(minimum)s to %(maximum)s (not %(value)s).")
        % {"label": label, "minimum": minimum, "maximum": maximum, "value": text}
    )


def parse_year(text: str, today: date) -> int:
    # A date typed into the column counts by its year.
    match = re.fullmatch(r"(\d{4})(-\d{2}-\d{2})?", text.strip())
    if not match:
        raise CellError(_("Year started %(value)s is not a year.") % {"value": text})
    year = int(match[1])
    if not 1900 <= year <= today.year:
        raise CellError(
            _("Year started %(value)s is not between 1900 and this year.") % {"value": text}
        )
    return year


def parse_identifier_digits(text: str, label: str) -> str:
    """NIK, NIB or KBLI: digits, perhaps typed with spaces or dots. Excel's scientific
    notation has already lost digits, so it is refused with advice."""
    stripped = text.strip()
    if stripped.isascii() and stripped.isdigit():
        return stripped  # the common case
    if re.fullmatch(r"\d+(\.\d+)?[eE]\+?\d+", stripped):
        raise CellError(
            _(
                "%(label)s %(value)s was stored by Excel as a number and lost digits; format the "
                "column as Text and type it again."
            )
            % {"label": label, "value": stripped}
        )
    compact = re.sub(r"[\s.\-]", "", stripped).lstrip("'")
    if not (compact.isascii() and compact.isdigit()):
        raise CellError(
            _("%(label)s %(value)s must contain digits only.") % {"label": label, "value": stripped}
        )
    return compact


SEX_WORDS = Vocabulary(
    {
        Sex.MALE: ["l", "lk", "laki", "laki-laki", "pria", "m", "male"],
        Sex.FEMALE: ["p", "pr", "perempuan", "wanita", "w", "f", "female"],
    }
)
SOURCE_WORDS = Vocabulary(
    {
        Source.DINKOP: [
            "dinkop",
            "dinas",
            "dinas koperasi",
            "dinkop ukm",
            "dinas koperasi dan umkm",
        ],
        Source.KEMENKOPUKM: [
            "kemenkop",
            "kemenkopukm",
            "kementerian",
            "kemenkop umkm",
            "kemenkopukm ri",
        ],
        Source.FIELD: [
            "lapangan",
            "kunjungan",
            "kunjungan lapangan",
            "survei",
            "survey",
            "pendataan",
        ],
        Source.TRAINING: ["pelatihan"],
        Source.OTHER: ["lainnya", "lain", "lain-lain"],
    }
)
STATUS_WORDS = Vocabulary(
    {
        Status.ACTIVE: ["aktif", "active", "buka", "beroperasi"],
        Status.INACTIVE: ["tidak aktif", "nonaktif", "inactive", "vakum", "berhenti sementara"],
        Status.CLOSED: ["tutup", "closed", "bangkrut", "gulung tikar"],
    }
)
YES_NO_WORDS = Vocabulary(
    {
        True: ["ya", "y", "yes", "1", "true", "benar"],
        False: ["tidak", "t", "no", "n", "0", "false", "bukan"],
    }
)


def parse_sex(text: str) -> str:
    sex = SEX_WORDS.find(text)
    if sex is None:
        raise CellError(_("Sex %(value)s: write L or P.") % {"value": text})
    return sex.value


def parse_source(text: str) -> str:
    source = SOURCE_WORDS.find(text)
    if source is None:
        raise CellError(
            _("Data source %(value)s is unknown; use one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(str(choice.label) for choice in Source)}
        )
    return source.value


def parse_status(text: str) -> str:
    status = STATUS_WORDS.find(text)
    if status is None:
        raise CellError(_("Status %(value)s: write aktif, tidak aktif or tutup.") % {"value": text})
    return status.value


def parse_yes_no(text: str, label) -> bool:
    answer = YES_NO_WORDS.find(text)
    if answer is None:
        raise CellError(
            _("%(label)s %(value)s: write ya or tidak.") % {"label": label, "value": text}
        )
    return answer


def parse_registration_date(text: str, today: date, zone) -> datetime:
    """2021-03-15 or 15/03/2021 (day first, as in Indonesia): midnight in `zone`."""
    text = text.strip()
    for parse in (date.fromisoformat, _day_first):
        try:
            day = parse(text)
        except ValueError:
            continue
        if not EARLIEST_REGISTRATION <= day <= today:
            break
        return datetime.combine(day, time.min, tzinfo=zone)
    raise CellError(
        _("Registration date %(value)s is not a date from 1900 to today (YYYY-MM-DD).")
        % {"value": text}
    )


def _day_first(text: str) -> date:
    day, month, year = re.split(r"[/-]", text)
    return date(int(year), int(month), int(day))


def best_sector(text: str) -> Sector:
    """The closest sector for a word the sector vocabulary does not know: the longest run
    of its words that it does know ("Makanan Ringan" -> kuliner, "Bengkel Las Listrik" ->
    otomotif), else "lainnya"."""
    parts = words(text)
    for size in range(len(parts) - 1, 0, -1):
        for start in range(len(parts) - size + 1):
            sector = sector_from_text(" ".join(parts[start : start + size]))
            if sector is not None:
                return sector
    return Sector.LAINNYA
