"""Charts drawn on the server as SVG: no JavaScript, nothing fetched, crisp when printed,
and readable by a screen reader through the table that always comes with them."""

from __future__ import annotations

from dataclasses import dataclass

from .figures import Breakdown

HEIGHT = 120  # drawing units; the SVG scales to the width of its box
SLOT = 40  # per column
LABEL_ROOM = 16  # below the columns for the month


@dataclass(frozen=True)
class ColumnBar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: object
    label_x: float


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    baseline: int
    bars: list[ColumnBar]


def trend_chart(breakdown: Breakdown) -> TrendChart:
    """Columns of the breakdown's first value column, one per row (month)."""
    values = [row.values[0] or 0 for row in breakdown.rows]
    top = max(values, default=0) or 1
    room = HEIGHT - LABEL_ROOM - 14  # 14: the value printed above the tallest column
    bars = []
    for i, (row, value) in enumerate(zip(breakdown.rows, values, strict=True)):
        height = room * value / top
        bars.append(
            ColumnBar(
                x=i * SLOT + 6,
                y=HEIGHT - LABEL_ROOM - height,
                width=SLOT - 12,
                height=height,
                label=row.short_label or row.label,
                value=row.values[0],
                label_x=i * SLOT + SLOT / 2,
            )
        )
    return TrendChart(SLOT * max(len(bars), 1), HEIGHT, HEIGHT - LABEL_ROOM, bars)


def bar_share(value, largest) -> int:
    """The length of a bar in percent of the largest value (a target's bar stops at 100)."""
    if not value or not largest or value < 0:
        return 0
    return min(100, max(1, round(100 * value / largest)))
