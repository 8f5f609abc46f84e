"""Training's numbers for the dashboards: participants of the year's cohorts, how many
passed every module (completion), received the Dinas's training certificate (trained) and
obtained a certificate from its real issuer through the training (certified: halal from BPJPH,
PIRT from the Dinas Kesehatan, competency from an LSP), both as of the end of the period,
per track and kecamatan, and how much of the DAK allocation was absorbed by the end of the
period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from cilegon_umkm.kernel.periods import ReportPeriod, YearMonth

from .models import Enrollment, Spending
from .selectors.reports import allocated, counted_per_enrollment, funnel


@dataclass(frozen=True)
class TrackFigures:
    """One track's participants of the year, from enrolment to certificate."""

    name: str
    enrolled: int
    attending: int
    passed: int  # every module
    trained: int  # the Dinas's training certificate, not revoked
    certified: int  # a certificate from its real issuer, through this training


@dataclass(frozen=True)
class KecamatanTrainees:
    """One kecamatan's participants of the year, how many received the training certificate
    and how many obtained a certificate from its real issuer."""

    participants: int = 0
    certified: int = 0
    trained: int = 0


@dataclass(frozen=True)
class TrainingFigures:
    participants: int  # of the year's cohorts (in the period's kecamatan, if any)
    passed: int
    trained: int  # received the Dinas's training certificate (sertifikat pelatihan)
    certified: int  # obtained a certificate from its real issuer through the training
    certified_on: date  # the day those certificates were in force: the period's end, or today
    completion_rate: float | None  # passed of participants; None without participants
    certification_rate: float | None  # certified (real certificates) of participants
    tracks: tuple[TrackFigures, ...]
    by_kecamatan: dict[int, KecamatanTrainees]  # a kecamatan without participants is left out
    allocated: int  # the year's DAK allocation, city-wide
    spent: int  # by the end of the period
    spent_per_month: dict[YearMonth, int]  # every month of the period
    absorption: float | None  # spent of allocated; None without an allocation


def training_stats(period: ReportPeriod) -> TrainingFigures:
    # The cohorts, the allocation and its absorption exist per fiscal year: the year the
    # period ends in (the page says which when the period crosses a year).
    year = period.fiscal_year
    # Certificates count as of the end of the period (today while it runs): issued by then
    # and in force then (training.selectors.reports).
    on = min(period.end, timezone.localdate())
    tracks = funnel(year, period.kecamatan_id, on)
    participants = sum(t.enrolled for t in tracks)
    passed = sum(t.passed for t in tracks)
    trained = sum(t.trained for t in tracks)
    certified = sum(t.certified for t in tracks)
    by_kecamatan = {
        kecamatan_id: KecamatanTrainees(participants=n, certified=c, trained=t)
        for kecamatan_id, n, t, c in Enrollment.objects.filter(
            cohort__budget_line__allocation__fiscal_year=year,
            state=Enrollment.State.ENROLLED,
            **period.umkm_filter("umkm__"),
        )
        .values_list("umkm__kelurahan__kecamatan_id")
        .annotate(**counted_per_enrollment(on))
        .order_by()
    }
    budget = allocated(year)
    spent = (
        Spending.objects.filter(
            line__allocation__fiscal_year=year, spent_on__lte=period.end
        ).aggregate(t=Sum("amount"))["t"]
        or 0
    )
    # Month by month, each month's spending: money is spent in its allocation's own year
    # (training.services.budget), so across a year end each month shows its own year's DAK.
    per_month = {
        YearMonth(y, m): t
        for y, m, t in Spending.objects.filter(spent_on__range=(period.start, period.end))
        .values_list("spent_on__year", "spent_on__month")
        .annotate(t=Sum("amount"))
        .order_by()
    }
    return TrainingFigures(
        certified_on=on,
        participants=participants,
        passed=passed,
        trained=trained,
        certified=certified,
        completion_rate=passed / participants if participants else None,
        certification_rate=certified / participants if participants else None,
        tracks=tuple(
            TrackFigures(t.label, t.enrolled, t.attending, t.passed, t.trained, t.certified)
            for t in tracks
        ),
        by_kecamatan=by_kecamatan,
        allocated=budget,
        spent=spent,
        spent_per_month={m: per_month.get(m, 0) for m in period.months},
        absorption=spent / budget if budget else None,
    )
