"""How the office writes numbers (Rupiah with dots between thousands, no decimals) and,
for text built in Python, dates."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.formats import date_format
from num2words import num2words


def format_rupiah(amount: int | Decimal | str) -> str:
    """10000000 -> "Rp10.000.000"; -2500 -> "-Rp2.500". Money is whole Rupiah; a
    Decimal is rounded half up. Raises ValueError for something that is not a number."""
    try:
        value = int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"not an amount of Rupiah: {amount!r}") from error
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{format_thousands(abs(value))}"


def format_thousands(number: int | Decimal | str) -> str:
    """34000 -> "34.000". Raises ValueError for something that is not a whole number."""
    return f"{int(number):,}".replace(",", ".")


def terbilang(amount: int) -> str:
    """An amount in Indonesian words, as a kuitansi writes it: 500000 -> "lima ratus ribu
    rupiah". Whole Rupiah only (num2words reads a negative amount "min ...")."""
    words = num2words(int(amount), lang="id")
    return f"{words} rupiah"


def format_day(day: date | None) -> str:
    """5 Des 2026: a date as every page writes it (cilegon_umkm/formats), for text built in
    Python (an admin title, a message)."""
    return date_format(day) if day else ""


def format_moment(moment: datetime) -> str:
    """5 Des 2026 14:30, in the office's time zone."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
