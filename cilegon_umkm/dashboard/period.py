"""The dashboards' filters, kept in the URL so a view can be shared: a run of whole months,
which may cross the end of a year, and optionally one kecamatan.

The URL: ?tahun=2025&dari=11&sampai=2&sampai_tahun=2026 is November 2025 to February 2026.
`tahun` is the year of the first month; `sampai_tahun`, the year of the last, is left out
when it is the same year, so every link written before a period could cross a year
(?tahun=2025&dari=3&sampai=10) still means what it meant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.periods import YearMonth, months_from
from cilegon_umkm.kernel.query import whole_number

# The longest period shown: two years of months still fit a chart and a table.
MAX_MONTHS = 24
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    first: YearMonth
    last: YearMonth
    kecamatan_id: int | None = None
    # What was asked for and could not be shown, in words for the page (not part of the
    # period: two requests showing the same figures share them).
    notes: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def within(
        cls, year: int, first_month: int = 1, last_month: int = 12, kecamatan_id: int | None = None
    ) -> Period:
        """Months of one year."""
        return cls(YearMonth(year, first_month), YearMonth(year, last_month), kecamatan_id)

    @classmethod
    def from_query(cls, query, today: date) -> Period:
        notes: list[str] = []

        def number(name: str, label: str, default: int, low: int, high: int) -> int:
            found = whole_number(query, name, low=low, high=high)
            given = str(query.get(name, "") or "")
            if found is None and given:
                notes.append(
                    _("“%(value)s” is not a valid %(name)s (%(low)s to %(high)s).")
                    % {"value": given[:20], "name": label, "low": low, "high": high}
                )
            return default if found is None else found

        year = number("tahun", _("year"), today.year, FIRST_YEAR, LAST_YEAR)
        first = YearMonth(year, number("dari", _("first month"), 1, 1, 12))
        last_year = number("sampai_tahun", _("year of the last month"), year, FIRST_YEAR, LAST_YEAR)
        last_month = 12 if last_year != today.year else today.month
        last = YearMonth(last_year, number("sampai", _("last month"), last_month, 1, 12))
        if first > last:
            notes.append(_("A period runs from an earlier month to a later one."))
            first, last = last, first
        if len(months_from(first, last)) > MAX_MONTHS:
            notes.append(
                _("A period is at most %(n)s months long: the last of them are shown.")
                % {"n": MAX_MONTHS}
            )
            first = last.minus(MAX_MONTHS - 1)
        if notes:
            notes.append(_shown_instead(first, last))
        kecamatan = whole_number(query, "kecamatan")
        if kecamatan is None and query.get("kecamatan"):
            notes.append(
                _("“%(value)s” is not a kecamatan: the whole city is shown.")
                % {"value": str(query["kecamatan"])[:20]}
            )
        return cls(first, last, kecamatan, notes=tuple(notes))

    @classmethod
    def year_to_date(cls, year: int, today: date) -> Period:
        """The whole city for the year, up to this month if it is the current year: what
        yearly targets are measured against (and the overview's default, so they share
        one cached computation)."""
        return cls.from_query({"tahun": str(year)}, today)

    @property
    def fiscal_year(self) -> int:
        """The year the period ends in: the year of the DAK allocation, the cohorts and the
        targets shown with it (the page says so when the period crosses a year)."""
        return self.last.year

    @property
    def crosses_year(self) -> bool:
        return self.first.year != self.last.year

    @property
    def months(self) -> tuple[YearMonth, ...]:
        return months_from(self.first, self.last)

    @property
    def start(self) -> date:
        return self.first.first_day

    @property
    def end(self) -> date:
        return self.last.last_day

    @property
    def start_moment(self) -> datetime:
        """The first moment of the period, in the office's time zone."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_moment(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def cache_key(self) -> str:
        return f"dashboard:{self.query_string()}"

    def umkm_filter(self, via: str = "") -> dict:
        """Filter kwargs limiting rows to the kecamatan, if one is chosen."""
        if self.kecamatan_id is None:
            return {}
        return {f"{via}kelurahan__kecamatan_id": self.kecamatan_id}

    def query(self, **changes) -> dict[str, int]:
        """The period as query parameters (sampai_tahun only when it crosses a year), with
        `changes` applied (kecamatan=None leaves the kecamatan out)."""
        params: dict[str, int | None] = {
            "tahun": self.first.year,
            "dari": self.first.month,
            "sampai": self.last.month,
            "sampai_tahun": self.last.year if self.crosses_year else None,
            "kecamatan": self.kecamatan_id,
        }
        params.update(changes)
        return {name: value for name, value in params.items() if value}

    def query_string(self) -> str:
        return "&".join(f"{name}={value}" for name, value in self.query().items())


def _shown_instead(first: YearMonth, last: YearMonth) -> str:
    if first.year == last.year:
        return _("Shown instead: %(first)s to %(last)s %(year)s.") % {
            "first": MONTHS[first.month],
            "last": MONTHS[last.month],
            "year": last.year,
        }
    return _("Shown instead: %(first)s %(first_year)s to %(last)s %(last_year)s.") % {
        "first": MONTHS[first.month],
        "first_year": first.year,
        "last": MONTHS[last.month],
        "last_year": last.year,
    }
