"""The registry's numbers for the dashboards: businesses registered by the end of the
period (by size, sector, source and kecamatan), new ones per month, and those holding a
valid certification. The period object is the dashboard's (year, months, kecamatan).

At a million rows the cost is the number of passes over the UMKM table, so everything but
the certified count comes from one grouped query whose few thousand rows are summed here."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import ExtractMonth

from .models import UMKM, Certification, Kelurahan


def registry_stats(period) -> dict:
    # Bounds as moments, not a date cast of every row.
    registered = UMKM.objects.filter(created_at__lt=period.end_moment, **period.umkm_filter())
    month_in_period = Case(  # 0: registered before the period began
        When(created_at__gte=period.start_moment, then=ExtractMonth("created_at")),
        default=Value(0),
        output_field=IntegerField(),
    )
    groups = (
        registered.annotate(month=month_in_period)
        .values_list("kelurahan_id", "size", "sector", "source", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    kecamatan_of = dict(Kelurahan.objects.values_list("pk", "kecamatan_id"))
    by_size, by_sector, by_source, per_month = Counter(), Counter(), Counter(), Counter()
    by_kecamatan = defaultdict(lambda: {"registered": 0, "new": 0, "certified": 0})
    for kelurahan_id, size, sector, source, month, n in groups:
        by_size[size] += n
        by_sector[sector] += n
        by_source[source] += n
        per_month[month] += n
        area = by_kecamatan[kecamatan_of[kelurahan_id]]
        area["registered"] += n
        if month:
            area["new"] += n
    certified = _certified_per_kecamatan(period)
    for kecamatan_id, n in certified.items():
        by_kecamatan[kecamatan_id]["certified"] = n
    before = per_month.pop(0, 0)
    return {
        "registered": before + sum(per_month.values()),
        "registered_before": before,
        "new": sum(per_month.values()),
        "certified": sum(certified.values()),
        "by_size": by_size.most_common(),
        "by_sector": by_sector.most_common(),
        "by_source": by_source.most_common(),
        "by_kecamatan": dict(by_kecamatan),
        "new_per_month": {m: per_month.get(m, 0) for m in period.months},
    }


def _certified_per_kecamatan(period) -> dict[int, int]:
    """Businesses holding a certification valid at the end of the period, per kecamatan.
    Driven from the (much smaller) certification table, so it stays cheap."""
    valid = Certification.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=period.end),
        issued_on__lte=period.end,
        umkm__created_at__lt=period.end_moment,
        **period.umkm_filter("umkm__"),
    )
    return dict(
        valid.values_list("umkm__kelurahan__kecamatan_id")
        .annotate(n=Count("umkm_id", distinct=True))
        .order_by()
    )
