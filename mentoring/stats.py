"""Mentoring's numbers for the dashboards: how many kelurahan have both kinds of mentor
today (per kecamatan too), visits and businesses reached in the period (per month, per
kind of mentor, per kecamatan), visits this month, and how many referrals were taken up."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from .models import Referral, Visit
from .selectors import coverage


def mentoring_stats(period) -> dict:
    today = timezone.localdate()
    area = period.umkm_filter("umkm__")
    visits = Visit.objects.filter(visited_on__range=(period.start, period.end), **area)
    grouped = (
        visits.annotate(month=ExtractMonth("visited_on"))
        .values_list("umkm__kelurahan__kecamatan_id", "mentor__kind", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_month: Counter[int] = Counter()
    per_kind: Counter[str] = Counter()
    by_kecamatan: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: {"visits": 0, "kelurahan": 0, "covered_both": 0}
    )
    for kecamatan_id, kind, month, n in grouped:
        per_month[month] += n
        per_kind[kind] += n
        by_kecamatan[kecamatan_id]["visits"] += n
    cover = coverage(today, period.kecamatan_id, with_businesses=False)
    for row in cover.kelurahan:
        counts = by_kecamatan[row.kelurahan.kecamatan_id]
        counts["kelurahan"] += 1
        counts["covered_both"] += bool(row.ekonomi and row.pdb)
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
    return {
        "kelurahan": len(cover.kelurahan),
        "covered_both": both,
        "without_ekonomi": cover.without_ekonomi,
        "without_pdb": cover.without_pdb,
        "coverage_ratio": both / len(cover.kelurahan) if cover.kelurahan else 0,
        "visits": sum(per_month.values()),
        "visits_this_month": this_month,
        "reached": visits.aggregate(n=Count("umkm", distinct=True))["n"],
        "visits_per_month": {m: per_month.get(m, 0) for m in period.months},
        "visits_per_kind": dict(per_kind),
        "by_kecamatan": dict(by_kecamatan),
        "referrals": sent,
        "referrals_taken": taken,
        "referrals_by_state": {
            (kind, state): referrals.get((kind, state), 0)
            for kind in Referral.Kind.values
            for state in Referral.State.values
        },
        "conversion": taken / sent if sent else None,
    }
