"""Training's numbers for the dashboards: participants of the year's cohorts, how many
passed every module (completion) and hold a certificate that was not revoked, per track
and kecamatan, and how much of the DAK allocation was absorbed by the end of the period."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from cilegon_umkm.kernel.periods import ReportPeriod

from .models import Enrollment, Spending
from .selectors.reports import allocated, funnel


@dataclass(frozen=True)
class TrackFigures:
    """One track's participants of the year, from enrolment to certificate."""

    name: str
    enrolled: int
    attending: int
    passed: int  # every module
    certified: int  # a certificate that was not revoked


@dataclass(frozen=True)
class KecamatanTrainees:
    """One kecamatan's participants of the year and how many are certified."""

    participants: int = 0
    certified: int = 0


@dataclass(frozen=True)
class TrainingFigures:
    participants: int  # of the year's cohorts (in the period's kecamatan, if any)
    passed: int
    certified: int
    completion_rate: float | None  # passed of participants; None without participants
    certification_rate: float | None
    tracks: tuple[TrackFigures, ...]
    by_kecamatan: dict[int, KecamatanTrainees]  # a kecamatan without participants is left out
    allocated: int  # the year's DAK allocation, city-wide
    spent: int  # by the end of the period
    spent_per_month: dict[int, int]  # every month of the period
    absorption: float | None  # spent of allocated; None without an allocation


def training_stats(period: ReportPeriod) -> TrainingFigures:
    tracks = funnel(period.year, period.kecamatan_id)
    participants = sum(t.enrolled for t in tracks)
    passed = sum(t.passed for t in tracks)
    certified = sum(t.certified for t in tracks)
    by_kecamatan = {
        kecamatan_id: KecamatanTrainees(participants=n, certified=c)
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
    return TrainingFigures(
        participants=participants,
        passed=passed,
        certified=certified,
        completion_rate=passed / participants if participants else None,
        certification_rate=certified / participants if participants else None,
        tracks=tuple(
            TrackFigures(t.label, t.enrolled, t.attending, t.passed, t.certified) for t in tracks
        ),
        by_kecamatan=by_kecamatan,
        allocated=budget,
        spent=spent,
        spent_per_month={m: per_month.get(m, 0) for m in period.months},
        absorption=spent / budget if budget else None,
    )
