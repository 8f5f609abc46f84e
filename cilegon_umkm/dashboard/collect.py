"""Each app's dashboard numbers for a period, cached for at most five minutes. The page
says when the oldest of them was computed ("figures as of ...")."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict, cast

from django.core.cache import cache
from django.utils import timezone

from lending.stats import LendingFigures, lending_stats
from mentoring.stats import MentoringFigures, mentoring_stats
from registry.stats import RegistryFigures, registry_stats
from training.stats import TrainingFigures, training_stats

from .period import Period

FRESH_FOR = 5 * 60  # seconds
# Part of the cache key: raise it when an app's figures change shape, so that a server
# running the new code never unpickles figures of the old shape cached by the old one.
FIGURES_VERSION = 5  # 4: per-month figures keyed by (year, month); 5: certified_on

APP_STATS = {
    "registry": registry_stats,
    "lending": lending_stats,
    "mentoring": mentoring_stats,
    "training": training_stats,
}


class AppStats(TypedDict, total=False):
    """The apps' figures a page asked for, by app (the keys of APP_STATS)."""

    registry: RegistryFigures
    lending: LendingFigures
    mentoring: MentoringFigures
    training: TrainingFigures


def collect(period: Period, apps: tuple[str, ...] = tuple(APP_STATS)) -> tuple[AppStats, datetime]:
    """{app: its figures} for the period, and the moment the oldest of them was computed.
    The figures are cached pickled: each app's are plain frozen dataclasses."""
    keys = {app: f"dashboard:{app}:{period.cache_key()}" for app in apps}
    found = cache.get_many(keys.values(), version=FIGURES_VERSION)
    figures: dict[str, object] = {}
    moments = []
    for app, key in keys.items():
        entry = found.get(key)
        if entry is None:
            entry = (timezone.now(), APP_STATS[app](period))
            cache.set(key, entry, FRESH_FOR, version=FIGURES_VERSION)
        moments.append(entry[0])
        figures[app] = entry[1]
    return cast(AppStats, figures), min(moments)
