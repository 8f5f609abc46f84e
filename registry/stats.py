"""The registry's numbers for the dashboards: businesses registered by the end of the
period (by size, sector, source and kecamatan), new ones per month, and those holding a
valid certification. The period object is the dashboard's (year, months, kecamatan).

The counts come from the tally (registry/tally.py): a few thousand rows rather than a
million businesses."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from .models import Certification, Kelurahan, UMKMTally
from .selectors import certification_valid_on


def registry_stats(period) -> dict:
    kecamatan_of = dict(Kelurahan.objects.values_list("pk", "kecamatan_id"))
    kelurahan = [k for k, kec in kecamatan_of.items() if kec == period.kecamatan_id]
    totals, new = _from_tally(period, kelurahan if period.kecamatan_id else None)
    by_size, by_sector, by_source, per_month = Counter(), Counter(), Counter(), Counter()
    by_kecamatan = defaultdict(lambda: {"registered": 0, "new": 0, "certified": 0})
    for kelurahan_id, size, sector, source, n in totals:
        by_size[size or None] += n
        by_sector[sector] += n
        by_source[source] += n
        by_kecamatan[kecamatan_of[kelurahan_id]]["registered"] += n
    for kelurahan_id, month, n in new:
        per_month[month] += n
        by_kecamatan[kecamatan_of[kelurahan_id]]["new"] += n
    certified = _certified_per_kecamatan(period)
    for kecamatan_id, n in certified.items():
        by_kecamatan[kecamatan_id]["certified"] = n
    registered = sum(by_size.values())
    return {
        "registered": registered,
        "registered_before": registered - sum(per_month.values()),
        "new": sum(per_month.values()),
        "certified": sum(certified.values()),
        "by_size": _nonzero(by_size),
        "by_sector": _nonzero(by_sector),
        "by_source": _nonzero(by_source),
        "by_kecamatan": dict(by_kecamatan),
        "new_per_month": {m: per_month.get(m, 0) for m in period.months},
    }


def _nonzero(counter: Counter) -> list[tuple]:
    return [(key, n) for key, n in counter.most_common() if n]


def _from_tally(period, kelurahan):
    rows = UMKMTally.objects.filter(registered_month__lte=period.end)
    if kelurahan is not None:
        rows = rows.filter(kelurahan_id__in=kelurahan)
    totals = (
        rows.values_list("kelurahan_id", "size", "sector", "source")
        .annotate(total=Sum("n"))
        .order_by()
    )
    new = (
        rows.filter(registered_month__gte=period.start)
        .annotate(month=ExtractMonth("registered_month"))
        .values_list("kelurahan_id", "month")
        .annotate(total=Sum("n"))
        .order_by()
    )
    return totals, new


def _certified_per_kecamatan(period) -> dict[int, int]:
    """Businesses holding a certification valid at the end of the period, per kecamatan.
    Driven from the (much smaller) certification table, so it stays cheap."""
    valid = Certification.objects.filter(
        certification_valid_on(period.end),
        umkm__created_at__lt=period.end_moment,
        **period.umkm_filter("umkm__"),
    )
    return dict(
        valid.values_list("umkm__kelurahan__kecamatan_id")
        .annotate(n=Count("umkm_id", distinct=True))
        .order_by()
    )
