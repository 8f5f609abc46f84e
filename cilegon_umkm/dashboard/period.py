"""The dashboards' filters, kept in the URL so a view can be shared: a year, a month range
within it, and optionally one kecamatan."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.query import whole_number


@dataclass(frozen=True)
class Period:
    year: int
    first_month: int = 1
    last_month: int = 12
    kecamatan_id: int | None = None
    # What was asked for and could not be shown, in words for the page (not part of the
    # period: two requests showing the same figures share them).
    notes: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_query(cls, query, today: date) -> Period:
        notes: list[str] = []

        def number(name: str, default: int, low: int, high: int) -> int:
            found = whole_number(query, name, low=low, high=high)
            given = str(query.get(name, "") or "")
            if found is None and given:
                notes.append(
                    _("“%(value)s” is not a valid %(name)s (%(low)s to %(high)s).")
                    % {"value": given[:20], "name": name, "low": low, "high": high}
                )
            return default if found is None else found

        year = number("tahun", today.year, 2000, 2100)
        first = number("dari", 1, 1, 12)
        last = number("sampai", 12 if year != today.year else today.month, 1, 12)
        if first > last:
            # A period crossing the end of a year is not offered yet: say what is shown.
            notes.append(_("A period runs from an earlier month to a later one within a year."))
            first, last = last, first
        if notes:
            notes.append(
                _("Shown instead: %(first)s to %(last)s %(year)s.")
                % {"first": MONTHS[first], "last": MONTHS[last], "year": year}
            )
        return cls(year, first, last, whole_number(query, "kecamatan"), notes=tuple(notes))

    @classmethod
    def year_to_date(cls, year: int, today: date) -> Period:
        """The whole city for the year, up to this month if it is the current year: what
        yearly targets are measured against (and the overview's default, so they share
        one cached computation)."""
        return cls.from_query({"tahun": str(year)}, today)

    @property
    def months(self) -> range:
        return range(self.first_month, self.last_month + 1)

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

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

    def query_string(self) -> str:
        parts = [f"tahun={self.year}", f"dari={self.first_month}", f"sampai={self.last_month}"]
        if self.kecamatan_id:
            parts.append(f"kecamatan={self.kecamatan_id}")
        return "&".join(parts)
