"""Reads of the mentors' field pages: their businesses with the flags that plan a day."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, Max, OuterRef, QuerySet
from django.utils import timezone

from cilegon_umkm.accounts.models import User
from lending.arrears import in_arrears_on
from lending.models import Loan
from registry.models import UMKM
from registry.selectors import search_umkm

from ..models import Referral
from .areas import in_areas, user_areas


def my_businesses(user: User | AnonymousUser, term: str = "") -> QuerySet[UMKM]:
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
                in_arrears_on(today), umkm=OuterRef("pk"), status=Loan.Status.ACTIVE
            )
        ),
    )
    businesses = businesses.select_related("kelurahan")
    if term:  # the registry's search, in its order (typos forgiven when nothing matches)
        return search_umkm(businesses, term)
    return businesses.order_by(F("last_visit").asc(nulls_first=True), "name", "pk")
