"""Reads of referrals: the inbox of those who answer them, what a mentor's own referrals
became, and the cohorts a training referral can still join."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from cilegon_umkm.accounts.models import User
from training.models import Cohort

from ..models import Mentor, Referral
from .areas import in_areas, mentor_of, user_areas


def referral_inbox(user: User | AnonymousUser, *, kinds: list[str]) -> QuerySet[Referral]:
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


def referrals_made_by(mentor: Mentor) -> QuerySet[Referral]:
    """A mentor's referrals, newest first, with what each became (its application)."""
    return mentor.referrals.select_related("umkm", "application").order_by("-created_at")


def cohorts_to_join(today: date) -> QuerySet[Cohort]:
    """Cohorts a referred business can still join: those that have not ended."""
    return (
        Cohort.objects.filter(ends_on__gte=today)
        .select_related("track")
        .order_by("starts_on", "pk")
    )
