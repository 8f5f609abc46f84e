"""The repayment schedule of a loan: the exact rule of UPTD PDB.

Monthly installments; jasa is flat on the original principal P over n months at r % per
year; installments are rounded to a multiple m of Rupiah:

- the principal of installments 1..n-1 is P / n rounded to the nearest multiple of m
  (halves up); the last installment takes the rest, so the parts add up to P exactly;
- the jasa of every installment is P x r / 100 / 12, rounded to whole Rupiah (halves up);
- installment k falls due k months after the disbursement date, on the same day of the
  month, or on the month's last day when that month is shorter.

P = 10,000,000, n = 12, r = 0, m = 1,000 gives 11 x 833,000 and a last of 837,000.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class ScheduledInstallment:
    number: int
    due_date: date
    principal: int
    jasa: int

    @property
    def total(self) -> int:
        return self.principal + self.jasa


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def monthly_jasa(principal: int, jasa_percent_per_year: Decimal | int) -> int:
    """Flat jasa of one month: P x r / 100 / 12, whole Rupiah, halves up. r is a
    percentage per year (3 means 3 % a year)."""
    exact = Decimal(principal) * Decimal(str(jasa_percent_per_year)) / Decimal(1200)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def regular_principal(principal: int, months: int, multiple: int) -> int:
    """P / n rounded to the nearest multiple of m, halves up. Where rounding up would leave
    the last installment negative (a principal smaller than about n x m), it rounds down."""
    rounded = (2 * principal + months * multiple) // (2 * months * multiple) * multiple
    if rounded * (months - 1) > principal:
        rounded = principal // (months * multiple) * multiple
    return rounded


def build_schedule(
    *,
    principal: int,
    months: int,
    jasa_percent_per_year: Decimal | int,
    disbursed_on: date,
    multiple: int = 1000,
) -> list[ScheduledInstallment]:
    if principal < 0 or months < 1 or multiple < 1:
        raise ValueError("principal >= 0, months >= 1 and multiple >= 1 are required")
    regular = regular_principal(principal, months, multiple)
    jasa = monthly_jasa(principal, jasa_percent_per_year)
    installments = []
    for number in range(1, months + 1):
        part = regular if number < months else principal - regular * (months - 1)
        installments.append(
            ScheduledInstallment(number, add_months(disbursed_on, number), part, jasa)
        )
    return installments
