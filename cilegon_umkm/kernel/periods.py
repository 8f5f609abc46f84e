"""What each app's stats.py reads of the dashboard's period (cilegon_umkm.dashboard.period):
the type of its argument, declared here because an app may not import the dashboard, which
imports every app; and the calendar month (YearMonth) that keys their per-month figures, so
that a period may cross the end of a year."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import NamedTuple, Protocol


class YearMonth(NamedTuple):
    """One calendar month of one year. A plain tuple underneath: (2025, 11) == YearMonth(2025,
    11), it sorts in time and pickles small (the cached figures are keyed by it)."""

    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> YearMonth:
        return cls(day.year, day.month)

    def next(self) -> YearMonth:
        return YearMonth(self.year + self.month // 12, self.month % 12 + 1)

    def minus(self, months: int) -> YearMonth:
        index = self.year * 12 + self.month - 1 - months
        return YearMonth(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


def months_from(first: YearMonth, last: YearMonth) -> tuple[YearMonth, ...]:
    """Every month from first to last, both included (none when last comes before first)."""
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = month.next()
    return tuple(months)


class ReportPeriod(Protocol):
    """A run of whole months, possibly across the end of a year, and optionally one kecamatan."""

    @property
    def fiscal_year(self) -> int:
        """The year the period ends in: the year of the figures that only exist per year
        (the DAK allocation and its absorption, the year's cohorts, the yearly targets)."""
        ...

    @property
    def kecamatan_id(self) -> int | None: ...

    @property
    def months(self) -> tuple[YearMonth, ...]:
        """Every month of the period, in order: the keys of its per-month figures."""
        ...

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...

    @property
    def end_moment(self) -> datetime:
        """The first moment after the period, in the office's time zone."""
        ...

    def umkm_filter(self, via: str = "") -> dict[str, int]:
        """Filter kwargs limiting rows (reached through `via`) to the kecamatan, if any."""
        ...
