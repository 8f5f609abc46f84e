"""The registry's numbers for the dashboards: businesses registered by the end of the
period (by size, sector, kecamatan), new ones per month, and those holding a valid
certification. The period object is the dashboard's (year, months, kecamatan)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractMonth

from .models import UMKM, Certification


def registry_stats(period) -> dict:
    # Bounds as moments, not a date cast of every row: the index on created_at can serve.
    registered = UMKM.objects.filter(created_at__lt=period.end_moment, **period.umkm_filter())
    valid = Certification.objects.filter(umkm=OuterRef("pk"), issued_on__lte=period.end).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=period.end)
    )
    new = (
        registered.filter(created_at__gte=period.start_moment)
        .annotate(month=ExtractMonth("created_at"))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return {
        "registered": registered.count(),
        "certified": registered.filter(Exists(valid)).count(),
        "by_size": list(registered.values_list("size").annotate(n=Count("id")).order_by("-n")),
        "by_sector": list(registered.values_list("sector").annotate(n=Count("id")).order_by("-n")),
        "by_kecamatan": list(
            registered.values_list("kelurahan__kecamatan__name")
            .annotate(n=Count("id"))
            .order_by("kelurahan__kecamatan__name")
        ),
        "new_per_month": dict(new),
    }
