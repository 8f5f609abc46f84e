"""Training's numbers for the dashboards: participants of the year's cohorts, how many
passed and were certified, and how much of the DAK allocation was absorbed."""

from __future__ import annotations

from django.db.models import Sum

from .models import Allocation, Certificate, Enrollment, Spending
from .reports import funnel


def training_stats(period) -> dict:
    tracks = funnel(period.year)
    if period.kecamatan_id:  # the funnel is city-wide; count the kecamatan's own rows
        enrolled = Enrollment.objects.filter(
            cohort__budget_line__allocation__fiscal_year=period.year,
            state=Enrollment.State.ENROLLED,
            **period.umkm_filter("umkm__"),
        )
        participants = enrolled.count()
        certified = Certificate.objects.filter(
            enrollment__in=enrolled, revoked_on__isnull=True
        ).count()
        passed = None
    else:
        participants = sum(t.enrolled for t in tracks)
        certified = sum(t.certified for t in tracks)
        passed = sum(t.passed for t in tracks)
    allocated = (
        Allocation.objects.filter(fiscal_year=period.year).aggregate(t=Sum("amount"))["t"] or 0
    )
    spent = (
        Spending.objects.filter(
            line__allocation__fiscal_year=period.year, spent_on__lte=period.end
        ).aggregate(t=Sum("amount"))["t"]
        or 0
    )
    return {
        "participants": participants,
        "passed": passed,
        "certified": certified,
        "certification_rate": certified / participants if participants else None,
        "allocated": allocated,
        "spent": spent,
        "absorption": spent / allocated if allocated else None,
    }
