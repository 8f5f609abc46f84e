"""Mentoring's numbers for the dashboards: how many kelurahan have both kinds of mentor
today (per kecamatan too), visits and businesses reached in the period (per month, per
kind of mentor, per kecamatan), visits this month, and how many referrals were taken up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from cilegon_umkm.kernel.periods import ReportPeriod, YearMonth

from .models import Referral, Visit
from .selectors import coverage


@dataclass(frozen=True)
class KecamatanMentoring:
    """One kecamatan's line of mentoring's figures."""

    kelurahan: int = 0  # today
    covered_both: int = 0  # of them, with both kinds of mentor today
    visits: int = 0  # in the period


@dataclass(frozen=True)
class MentoringFigures:
    kelurahan: int  # today, in the period's kecamatan or the city
    covered_both: int  # of them, with both kinds of mentor
    without_ekonomi: int
    without_pdb: int
    coverage_ratio: float  # covered_both of kelurahan (0 when there are none)
    visits: int  # in the period
    visits_this_month: int
    reached: int  # businesses visited in the period
    visits_per_month: dict[YearMonth, int]  # every month of the period
    visits_per_kind: dict[str, int]  # by MentorKind; a kind without visits is left out
    by_kecamatan: dict[int, KecamatanMentoring]  # a kecamatan with nothing may be left out
    referrals: int  # made in the period
    referrals_taken: int  # of them, accepted
    referrals_by_state: dict[tuple[str, str], int]  # (kind, state), every pair
    conversion: float | None  # referrals_taken of referrals; None when none were made


def mentoring_stats(period: ReportPeriod) -> MentoringFigures:
    today = timezone.localdate()
    area = period.umkm_filter("umkm__")
    visits = Visit.objects.filter(visited_on__range=(period.start, period.end), **area)
    grouped = (
        visits.annotate(year=ExtractYear("visited_on"), month=ExtractMonth("visited_on"))
        .values_list("umkm__kelurahan__kecamatan_id", "mentor__kind", "year", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_month: Counter[YearMonth] = Counter()
    per_kind: Counter[str] = Counter()
    visits_in: Counter[int] = Counter()
    for kecamatan_id, kind, year, month, n in grouped:
        per_month[YearMonth(year, month)] += n
        per_kind[kind] += n
        visits_in[kecamatan_id] += n
    cover = coverage(today, period.kecamatan_id, with_businesses=False)
    kelurahan_in: Counter[int] = Counter()
    covered_in: Counter[int] = Counter()
    for row in cover.kelurahan:
        kelurahan_in[row.kelurahan.kecamatan_id] += 1
        covered_in[row.kelurahan.kecamatan_id] += bool(row.ekonomi and row.pdb)
    both = sum(1 for row in cover.kelurahan if row.ekonomi and row.pdb)
    referrals = Counter(
        {
            (kind, state): n
            for kind, state, n in Referral.objects.filter(
                created_at__date__range=(period.start, period.end), **area
            )
            .values_list("kind", "state")
            .annotate(n=Count("id"))
            .order_by()
        }
    )
    sent = sum(referrals.values())
    taken = sum(n for (_kind, state), n in referrals.items() if state == Referral.State.ACCEPTED)
    this_month = Visit.objects.filter(
        visited_on__year=today.year, visited_on__month=today.month, **area
    ).count()
    return MentoringFigures(
        kelurahan=len(cover.kelurahan),
        covered_both=both,
        without_ekonomi=cover.without_ekonomi,
        without_pdb=cover.without_pdb,
        coverage_ratio=both / len(cover.kelurahan) if cover.kelurahan else 0,
        visits=sum(per_month.values()),
        visits_this_month=this_month,
        reached=visits.aggregate(n=Count("umkm", distinct=True))["n"],
        visits_per_month={m: per_month.get(m, 0) for m in period.months},
        visits_per_kind=dict(per_kind),
        by_kecamatan={
            kecamatan_id: KecamatanMentoring(
                kelurahan_in[kecamatan_id], covered_in[kecamatan_id], visits_in[kecamatan_id]
            )
            for kecamatan_id in kelurahan_in.keys() | visits_in.keys()
        },
        referrals=sent,
        referrals_taken=taken,
        referrals_by_state={
            (kind, state): referrals.get((kind, state), 0)
            for kind in Referral.Kind.values
            for state in Referral.State.values
        },
        conversion=taken / sent if sent else None,
    )
