"""Training reports for a fiscal year: the funnel per track and cohort (enrolled, attending,
passed, certified), cost per certified business, participants per kecamatan, and how the
DAK money was absorbed month by month. A handful of grouped queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from ..models import (
    Allocation,
    Attendance,
    Certificate,
    Cohort,
    Enrollment,
    Module,
    ModuleResult,
    Spending,
)

State = Enrollment.State


@dataclass
class Funnel:
    label: str
    enrolled: int = 0
    attending: int = 0
    passed: int = 0
    certified: int = 0
    cost: int = 0

    @property
    def cost_per_certified(self) -> int | None:
        return self.cost // self.certified if self.certified else None

    def add(self, other: Funnel) -> None:
        for name in ("enrolled", "attending", "passed", "certified", "cost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class TrackFunnel(Funnel):
    cohorts: list[Funnel] = field(default_factory=list)


def funnel(year: int, kecamatan_id: int | None = None) -> list[TrackFunnel]:
    """Per track and cohort; with a kecamatan, only the participants whose business is there."""

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
    certified = Counter(
        dict(
            Certificate.objects.filter(
                there("enrollment__"), enrollment__cohort__in=ids, revoked_on__isnull=True
            )
            .values_list("enrollment__cohort")
            .annotate(n=Count("id"))
            .values_list("enrollment__cohort", "n")
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
            certified=certified[cohort.pk],
            cost=cohort.enrolled * cohort.cost_per_participant,
        )
        track = tracks.setdefault(cohort.track_id, TrackFunnel(cohort.track.name))
        track.cohorts.append(row)
        track.add(row)
    return list(tracks.values())


def participants_per_kecamatan(year: int) -> list[tuple[str, int, int]]:
    """(kecamatan, participants, certified) of the year's cohorts."""
    rows = (
        Enrollment.objects.filter(
            cohort__budget_line__allocation__fiscal_year=year, state=State.ENROLLED
        )
        .values_list("umkm__kelurahan__kecamatan__name")
        .annotate(
            n=Count("id"),
            certified=Count("certificate", filter=Q(certificate__revoked_on__isnull=True)),
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
