"""Each app's dashboard numbers for a period, cached for at most five minutes. The page
says when the oldest of them was computed ("figures as of ...")."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from lending.stats import lending_stats
from mentoring.stats import mentoring_stats
from registry.stats import registry_stats
from training.stats import training_stats

from .period import Period

FRESH_FOR = 5 * 60  # seconds

APP_STATS = {
    "registry": registry_stats,
    "lending": lending_stats,
    "mentoring": mentoring_stats,
    "training": training_stats,
}


def collect(period: Period, apps=tuple(APP_STATS)) -> tuple[dict, datetime]:
    """{app: its stats} for the period, and the moment the oldest of them was computed."""
    keys = {app: f"dashboard:{app}:{period.cache_key()}" for app in apps}
    found = cache.get_many(keys.values())
    figures, moments = {}, []
    for app, key in keys.items():
        entry = found.get(key)
        if entry is None:
            entry = (timezone.now(), APP_STATS[app](period))
            cache.set(key, entry, FRESH_FOR)
        moments.append(entry[0])
        figures[app] = entry[1]
    return figures, min(moments)
