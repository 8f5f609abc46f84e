"""Training reports for a fiscal year: the funnel per track and cohort (enrolled, attending,
passed, trained, certified), cost per certified business, participants per kecamatan, and how
the DAK money was absorbed month by month. A handful of grouped queries.

Two different things are counted at the end of the path, both as of the day the figures are
for, so that a past period can be recounted later with the same result. "Trained": the
participant had received the Dinas's training certificate (sertifikat pelatihan) by that day
and it was not revoked by then. "Certified": the business had obtained, through that
enrolment, a certificate from its real issuer (halal from BPJPH, PIRT from the Dinas
Kesehatan, competency from an LSP) issued by that day and not ended (expired or revoked) on
it; only that makes a business certified. Only enrolled participants are counted."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from registry.selectors import certification_valid_on

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


def trained_on(on: date, via: str = "") -> Q:
    """The Dinas's training certificate as of `on`: issued by then and not yet revoked
    (`via` leads from the queried model to the Certificate, e.g. "certificate__")."""
    return Q(**{f"{via}issued_on__lte": on}) & (
        Q(**{f"{via}revoked_on__isnull": True}) | Q(**{f"{via}revoked_on__gt": on})
    )


def holds_real_certificate(on: date) -> Exists:
    """An enrolment through which its business obtained a certificate from the real issuer
    in force on `on`: issued by then and not ended (expired or revoked: the registry ends it
    that day)."""
    return Exists(
        FacilitatedCertification.objects.filter(
            certification_valid_on(on, "certification__"), enrollment=OuterRef("pk")
        )
    )


def counted_per_enrollment(on: date) -> dict[str, Count]:
    """For a queryset of enrolled participants grouped by place: how many (n), trained and
    certified as of `on`. The report and the dashboard group with these, so both count alike."""
    return {
        "n": Count("id"),
        "trained": Count("certificate", filter=trained_on(on, "certificate__")),
        "certified": Count("id", filter=Q(holds_real_certificate(on))),
    }


@dataclass
class Funnel:
    label: str
    enrolled: int = 0
    attending: int = 0
    passed: int = 0
    trained: int = 0  # the Dinas's training certificate (trained_on)
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
    """Per track and cohort, enrolled participants only (not the waiting list, not those who
    withdrew); with a kecamatan, only those whose business is there. Certificates count as of
    `on` (figures_day(year) unless given): trained_on and holds_real_certificate."""
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
    enrolled = Q(enrollment__state=State.ENROLLED) & there("enrollment__")
    attending = Counter(
        dict(
            Attendance.objects.filter(enrolled, session__cohort__in=ids, present=True)
            .values_list("session__cohort")
            .annotate(n=Count("enrollment", distinct=True))
            .values_list("session__cohort", "n")
        )
    )
    trained = Counter(
        dict(
            Certificate.objects.filter(enrolled, trained_on(on), enrollment__cohort__in=ids)
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
        ModuleResult.objects.filter(enrolled, enrollment__cohort__in=ids, passed=True)
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


def funnel_total(tracks: list[TrackFunnel], label: str) -> Funnel:
    """Every track added up: the report's totals row, the dashboard's figures."""
    total = Funnel(label)
    for track in tracks:
        total.add(track)
    return total


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
        .annotate(**counted_per_enrollment(on or figures_day(year)))
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
