"""Mentoring's numbers for the dashboards: how many kelurahan have both kinds of mentor
today, visits and businesses reached in the period, and how many referrals were taken up."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from .coverage import coverage
from .models import Referral, Visit


def mentoring_stats(period) -> dict:
    cover = coverage(timezone.localdate(), period.kecamatan_id)
    both = sum(1 for row in cover.kelurahan if row.ekonomi and row.pdb)
    visits = Visit.objects.filter(
        visited_on__range=(period.start, period.end), **period.umkm_filter("umkm__")
    ).aggregate(n=Count("id"), reached=Count("umkm", distinct=True))
    referrals = Referral.objects.filter(
        created_at__date__range=(period.start, period.end), **period.umkm_filter("umkm__")
    ).aggregate(n=Count("id"), taken=Count("id", filter=Q(state=Referral.State.ACCEPTED)))
    return {
        "kelurahan": len(cover.kelurahan),
        "covered_both": both,
        "coverage_ratio": both / len(cover.kelurahan) if cover.kelurahan else 0,
        "visits": visits["n"],
        "reached": visits["reached"],
        "referrals": referrals["n"],
        "referrals_taken": referrals["taken"],
        "conversion": referrals["taken"] / referrals["n"] if referrals["n"] else None,
    }
