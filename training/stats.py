"""Training's numbers for the dashboards: participants of the year's cohorts, how many
passed every module (completion) and hold a certificate that was not revoked, per track
and kecamatan, and how much of the DAK allocation was absorbed by the end of the period."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from .models import Enrollment, Spending
from .selectors.reports import allocated, funnel


def training_stats(period) -> dict:
    tracks = funnel(period.year, period.kecamatan_id)
    participants = sum(t.enrolled for t in tracks)
    passed = sum(t.passed for t in tracks)
    certified = sum(t.certified for t in tracks)
    by_kecamatan = {
        kecamatan_id: {"participants": n, "certified": c}
        for kecamatan_id, n, c in Enrollment.objects.filter(
            cohort__budget_line__allocation__fiscal_year=period.year,
            state=Enrollment.State.ENROLLED,
            **period.umkm_filter("umkm__"),
        )
        .values_list("umkm__kelurahan__kecamatan_id")
        .annotate(
            n=Count("id"),
            certified=Count("certificate", filter=Q(certificate__revoked_on__isnull=True)),
        )
        .order_by()
    }
    budget = allocated(period.year)
    spending = Spending.objects.filter(
        line__allocation__fiscal_year=period.year, spent_on__lte=period.end
    )
    spent = spending.aggregate(t=Sum("amount"))["t"] or 0
    per_month = dict(
        spending.filter(spent_on__gte=period.start)
        .values_list("spent_on__month")
        .annotate(t=Sum("amount"))
        .order_by()
    )
    return {
        "participants": participants,
        "passed": passed,
        "certified": certified,
        "completion_rate": passed / participants if participants else None,
        "certification_rate": certified / participants if participants else None,
        "tracks": [
            {key: getattr(t, key) for key in ("enrolled", "attending", "passed", "certified")}
            | {"name": t.label}
            for t in tracks
        ],
        "by_kecamatan": by_kecamatan,
        "allocated": budget,
        "spent": spent,
        "spent_per_month": {m: per_month.get(m, 0) for m in period.months},
        "absorption": spent / budget if budget else None,
    }
