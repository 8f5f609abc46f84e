"""Demo targets for this year and last, so the dashboards show progress from the start."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Metric, Target

# What a city of 34,000 businesses might aim for in a year.
DEMO_TARGETS = {
    Metric.UMKM_NEW: 5_000,
    Metric.UMKM_CERTIFIED: 400,
    Metric.LOANS_DISBURSED: 700,
    Metric.AMOUNT_DISBURSED: 4_500_000_000,
    Metric.KELURAHAN_COVERED: 43,
    Metric.VISITS: 30_000,
    Metric.TRAINING_PARTICIPANTS: 500,
}


@transaction.atomic
def seed_targets() -> int:
    """Idempotent: an existing target (perhaps changed by hand) is left as it is."""
    year = timezone.localdate().year
    created = 0
    for target_year in (year - 1, year):
        for metric, value in DEMO_TARGETS.items():
            _target, made = Target.objects.get_or_create(
                year=target_year, metric=metric, defaults={"value": value}
            )
            created += made
    return created
