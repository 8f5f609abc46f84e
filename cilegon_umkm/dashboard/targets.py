"""Yearly targets as progress: each measure is read from the apps' stats for the year to
date (city-wide), against the share of the year gone by."""

from __future__ import annotations

from datetime import date

from .figures import Kind, Progress
from .models import Metric, Target

# measure -> (the app whose stats hold it, the key, how it is shown, whether it grows
# through the year; a state such as coverage has no "expected by now").
MEASURES = {
    Metric.UMKM_NEW: ("registry", "new", Kind.COUNT, True),
    Metric.UMKM_CERTIFIED: ("training", "certified", Kind.COUNT, True),
    Metric.LOANS_DISBURSED: ("lending", "disbursed_count", Kind.COUNT, True),
    Metric.AMOUNT_DISBURSED: ("lending", "disbursed_amount", Kind.RUPIAH, True),
    Metric.KELURAHAN_COVERED: ("mentoring", "covered_both", Kind.COUNT, False),
    Metric.VISITS: ("mentoring", "visits", Kind.COUNT, True),
    Metric.TRAINING_PARTICIPANTS: ("training", "participants", Kind.COUNT, True),
}


def apps_for_targets(year: int, apps=None) -> set[str]:
    """The apps whose stats the year's targets need (limited to `apps` if given)."""
    needed = {MEASURES[t.metric][0] for t in Target.objects.filter(year=year)}
    return needed & set(apps) if apps else needed


def year_gone_by(year: int, today: date) -> float:
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return (today - date(year, 1, 1)).days / days


def progress(year: int, stats: dict, today: date) -> list[Progress]:
    """The year's targets whose app is in `stats`: the apps' figures for the year to date,
    city-wide."""
    rows = []
    for target in Target.objects.filter(year=year).order_by("metric"):
        app, key, kind, grows = MEASURES[Metric(target.metric)]
        if app not in stats:
            continue
        rows.append(
            Progress(
                label=target.get_metric_display(),
                target=target.value,
                actual=stats[app][key],
                kind=kind,
                expected_share=year_gone_by(year, today) if grows else None,
            )
        )
    return rows
