"""Reads of the mentors' field pages: their businesses with the flags that plan a day."""

from __future__ import annotations

from django.db.models import Exists, F, Max, OuterRef, QuerySet
from django.utils import timezone

from lending.models import Loan
from registry.models import UMKM
from registry.selectors import search_umkm

from .models import Referral
from .selectors import in_areas, mentor_of, user_areas


def my_businesses(user, term: str = "") -> QuerySet[UMKM]:
    """The businesses of the mentor's areas, never-visited first, then the longest unvisited,
    each with its last visit and flags: an open referral, a running loan in arrears."""
    today = timezone.localdate()
    businesses = UMKM.objects.filter(in_areas(user_areas(user))).annotate(
        last_visit=Max("visits__visited_on"),
        open_referral=Exists(
            Referral.objects.filter(umkm=OuterRef("pk"), state=Referral.State.SENT)
        ),
        in_arrears=Exists(
            Loan.objects.filter(
                umkm=OuterRef("pk"), status=Loan.Status.ACTIVE, first_unsettled_due__lt=today
            )
        ),
    )
    businesses = businesses.select_related("kelurahan")
    if term:  # by name; a typo-tolerant search puts the best match first
        return search_umkm(businesses, term)
    return businesses.order_by(F("last_visit").asc(nulls_first=True), "name", "pk")


def referral_inbox(user, *, kinds: list[str]) -> QuerySet[Referral]:
    """Open referrals of these kinds. The office (who may view every referral) sees them
    all; anyone else only those of the areas assigned to them today, so a mentor whose
    profile is deactivated, or not made yet, sees none rather than every area's."""
    referrals = Referral.objects.filter(kind__in=kinds, state=Referral.State.SENT)
    if not user.has_perm("mentoring.view_referral"):
        if mentor_of(user) is None:
            return referrals.none()
        referrals = referrals.filter(in_areas(user_areas(user), via="umkm__"))
    return referrals.select_related("umkm__kelurahan", "referred_by__user").order_by(
        "created_at", "pk"
    )
