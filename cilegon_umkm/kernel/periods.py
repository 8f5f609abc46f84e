"""What each app's stats.py reads of the dashboard's period (cilegon_umkm.dashboard.period):
the type of its argument, declared here because an app may not import the dashboard, which
imports every app."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class ReportPeriod(Protocol):
    """A year, a range of its months and optionally one kecamatan."""

    @property
    def year(self) -> int: ...

    @property
    def kecamatan_id(self) -> int | None: ...

    @property
    def months(self) -> range: ...

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
