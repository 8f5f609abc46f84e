"""Training reports for a fiscal year: the funnel per track and cohort (enrolled, attending,
passed, trained, certified), cost per certified business, participants per kecamatan, and how
the DAK money was absorbed month by month. A handful of grouped queries.

Two different things are counted at the end of the path. "Trained": the participant received
the Dinas's training certificate (sertifikat pelatihan), not revoked. "Certified": the
business obtained, through that enrolment, a certificate from its real issuer (halal from
BPJPH, PIRT from the Dinas Kesehatan, competency from an LSP) that had not ended (expired or
been revoked) by the day the figures are for; only that makes a business certified."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..models import (
    Allocation,
    Attendance,
    Certificate,
    Cohort,
    Enrollment,
    FacilitatedCertification,
    Module,
    ModuleResult,
    Spending,
)

State = Enrollment.State


def figures_day(year: int) -> date:
    """The day a year's figures are for: its last day, or today while it runs."""
    return min(date(year, 12, 31), timezone.localdate())


def holds_real_certificate(on: date) -> Exists:
    """An enrolment through which its business obtained a certificate from the real issuer
    that had not ended (expired or been revoked: the registry ends it that day) by `on`."""
    return Exists(
        FacilitatedCertification.objects.filter(
            Q(certification__expires_on__isnull=True) | Q(certification__expires_on__gte=on),
            enrollment=OuterRef("pk"),
        )
    )


@dataclass
class Funnel:
    label: str
    enrolled: int = 0
    attending: int = 0
    passed: int = 0
    trained: int = 0  # the Dinas's training certificate, not revoked
    certified: int = 0  # a certificate from its real issuer (holds_real_certificate)
    cost: int = 0

    @property
    def cost_per_certified(self) -> int | None:
        return self.cost // self.certified if self.certified else None

    def add(self, other: Funnel) -> None:
        for name in ("enrolled", "attending", "passed", "trained", "certified", "cost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class TrackFunnel(Funnel):
    cohorts: list[Funnel] = field(default_factory=list)


def funnel(year: int, kecamatan_id: int | None = None, on: date | None = None) -> list[TrackFunnel]:
    """Per track and cohort; with a kecamatan, only the participants whose business is there.
    Real certificates count when in force on `on` (figures_day(year) unless given)."""
    on = on or figures_day(year)

    def there(via: str) -> Q:
        return Q(**{f"{via}umkm__kelurahan__kecamatan_id": kecamatan_id}) if kecamatan_id else Q()

    cohorts = list(
        Cohort.objects.filter(budget_line__allocation__fiscal_year=year)
        .select_related("track")
        .annotate(
            enrolled=Count(
                "enrollments",
                filter=Q(enrollments__state=State.ENROLLED) & there("enrollments__"),
            )
        )
        .order_by("track__name", "starts_on")
    )
    ids = [c.pk for c in cohorts]
    attending = Counter(
        dict(
            Attendance.objects.filter(there("enrollment__"), session__cohort__in=ids, present=True)
            .values_list("session__cohort")
            .annotate(n=Count("enrollment", distinct=True))
            .values_list("session__cohort", "n")
        )
    )
    trained = Counter(
        dict(
            Certificate.objects.filter(
                there("enrollment__"), enrollment__cohort__in=ids, revoked_on__isnull=True
            )
            .values_list("enrollment__cohort")
            .annotate(n=Count("id"))
            .values_list("enrollment__cohort", "n")
        )
    )
    certified = Counter(
        dict(
            Enrollment.objects.filter(
                there(""), holds_real_certificate(on), cohort__in=ids, state=State.ENROLLED
            )
            .values_list("cohort")
            .annotate(n=Count("id"))
            .values_list("cohort", "n")
        )
    )
    modules = Counter(
        dict(Module.objects.values_list("track").annotate(n=Count("id")).values_list("track", "n"))
    )
    passed_modules = (
        ModuleResult.objects.filter(there("enrollment__"), enrollment__cohort__in=ids, passed=True)
        .values_list("enrollment", "enrollment__cohort", "enrollment__cohort__track")
        .annotate(n=Count("id"))
    )
    passed = Counter(cohort for _e, cohort, track, n in passed_modules if n == modules[track])
    tracks: dict[int, TrackFunnel] = {}
    for cohort in cohorts:
        row = Funnel(
            cohort.name,
            enrolled=cohort.enrolled,
            attending=attending[cohort.pk],
            passed=passed[cohort.pk],
            trained=trained[cohort.pk],
            certified=certified[cohort.pk],
            cost=cohort.enrolled * cohort.cost_per_participant,
        )
        track = tracks.setdefault(cohort.track_id, TrackFunnel(cohort.track.name))
        track.cohorts.append(row)
        track.add(row)
    return list(tracks.values())


def participants_per_kecamatan(
    year: int, kecamatan_id: int | None = None, on: date | None = None
) -> list[tuple[str, int, int, int]]:
    """(kecamatan, participants, trained, certified) of the year's cohorts (see funnel)."""
    there = {"umkm__kelurahan__kecamatan_id": kecamatan_id} if kecamatan_id else {}
    rows = (
        Enrollment.objects.filter(
            cohort__budget_line__allocation__fiscal_year=year, state=State.ENROLLED, **there
        )
        .values_list("umkm__kelurahan__kecamatan__name")
        .annotate(
            n=Count("id"),
            trained=Count("certificate", filter=Q(certificate__revoked_on__isnull=True)),
            certified=Count("id", filter=Q(holds_real_certificate(on or figures_day(year)))),
        )
        .order_by("umkm__kelurahan__kecamatan__name")
    )
    return list(rows)


def absorption_by_month(year: int) -> list[tuple[int, int, int]]:
    """(month, spent that month, spent so far) against the year's allocations."""
    months: defaultdict[int, int] = defaultdict(int)
    rows = (
        Spending.objects.filter(line__allocation__fiscal_year=year)
        .annotate(month=TruncMonth("spent_on"))
        .values_list("month")
        .annotate(total=Sum("amount"))
    )
    for month, total in rows:
        months[month.month] += total
    running, result = 0, []
    for month in range(1, 13):
        running += months[month]
        result.append((month, months[month], running))
    return result


def allocated(year: int) -> int:
    return Allocation.objects.filter(fiscal_year=year).aggregate(t=Sum("amount"))["t"] or 0
