"""Yearly targets as progress: each measure is read from the apps' stats for the year to
date (city-wide), against the share of the year gone by."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from .collect import AppStats
from .figures import Kind, Progress
from .models import Metric, Target


class Measure(NamedTuple):
    app: str  # whose stats hold it
    actual: Callable[[AppStats], int]  # the figure, from stats that include the app
    kind: Kind
    # Whether it grows through the year; a state such as coverage has no "expected by now".
    grows: bool = True


MEASURES = {
    Metric.UMKM_NEW: Measure("registry", lambda s: s["registry"].new, Kind.COUNT),
    Metric.UMKM_CERTIFIED: Measure("training", lambda s: s["training"].certified, Kind.COUNT),
    Metric.LOANS_DISBURSED: Measure("lending", lambda s: s["lending"].disbursed_count, Kind.COUNT),
    Metric.AMOUNT_DISBURSED: Measure(
        "lending", lambda s: s["lending"].disbursed_amount, Kind.RUPIAH
    ),
    Metric.KELURAHAN_COVERED: Measure(
        "mentoring", lambda s: s["mentoring"].covered_both, Kind.COUNT, grows=False
    ),
    Metric.VISITS: Measure("mentoring", lambda s: s["mentoring"].visits, Kind.COUNT),
    Metric.TRAINING_PARTICIPANTS: Measure(
        "training", lambda s: s["training"].participants, Kind.COUNT
    ),
}


def apps_for_targets(year: int, apps=None) -> set[str]:
    """The apps whose stats the year's targets need (limited to `apps` if given)."""
    needed = {MEASURES[Metric(t.metric)].app for t in Target.objects.filter(year=year)}
    return needed & set(apps) if apps else needed


def year_gone_by(year: int, today: date) -> float:
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return (today - date(year, 1, 1)).days / days


def progress(year: int, stats: AppStats, today: date) -> list[Progress]:
    """The year's targets whose app is in `stats`: the apps' figures for the year to date,
    city-wide."""
    rows = []
    for target in Target.objects.filter(year=year).order_by("metric"):
        measure = MEASURES[Metric(target.metric)]
        if measure.app not in stats:
            continue
        rows.append(
            Progress(
                label=target.get_metric_display(),
                target=target.value,
                actual=measure.actual(stats),
                kind=measure.kind,
                expected_share=year_gone_by(year, today) if measure.grows else None,
            )
        )
    return rows
