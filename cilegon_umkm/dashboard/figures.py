"""What a dashboard page is made of, independent of how it is shown: headline figures,
breakdowns (tables that are also drawn as charts) and targets. The HTML page and the XLSX
export are both written from the same objects, so they can never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


class Kind(Enum):
    COUNT = "count"
    RUPIAH = "rupiah"
    RATIO = "ratio"  # 0..1, shown as a percentage


@dataclass(frozen=True)
class Figure:
    """One headline number. `key` is stable (tests and exports find it by key); `link` is
    the list behind the number, filtered so that its rows add up to it."""

    key: str
    label: str
    value: int | float | None
    kind: Kind = Kind.COUNT
    link: str = ""
    note: str = ""


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.COUNT


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple
    link: str = ""
    # A shorter label where room is scarce (a chart's column): "Jan" for "Jan 2026".
    short_label: str = ""


class Chart(Enum):
    BARS = "bars"  # a table with a bar in each number cell: breakdowns and comparisons
    TREND = "trend"  # a column chart over months, with its table below


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    label_header: str
    columns: tuple[Column, ...]
    rows: list[Row]
    chart: Chart = Chart.BARS

    @cached_property
    def column_max(self) -> list:
        """The largest value of each column: the full length of its bars."""
        return [
            max((row.values[i] or 0 for row in self.rows), default=0)
            for i in range(len(self.columns))
        ]


@dataclass(frozen=True)
class Progress:
    """A yearly target and how far the year to date has come."""

    label: str
    target: int
    actual: int
    kind: Kind
    # The share of the year gone by: where the office should be by now. None for a state
    # (kelurahan covered) rather than something that adds up through the year.
    expected_share: float | None

    @property
    def share(self) -> float:
        return self.actual / self.target if self.target else 0.0

    @property
    def on_track(self) -> bool:
        return self.share >= (1.0 if self.expected_share is None else self.expected_share)


@dataclass
class Page:
    area: str  # "" for the overview, else the area's URL slug
    title: str
    figures: list[Figure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    targets: list[Progress] = field(default_factory=list)
    targets_url: str = ""  # where this year's targets are shown, when not on this view

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)
