"""Which businesses a mentor may see and touch: those of their current areas. Every mentor
page goes through these, so that a reassignment takes effect everywhere at once."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cilegon_umkm.accounts.models import User
from registry.models import UMKM, Kelurahan

from ..models import Assignment, Mentor

# Answers kept on the user object, which lives for one request: a page asks several times.
# The user model does not declare them (it knows nothing of mentoring), hence by name.
_PROFILE = "_mentor_profile"
_AREAS = "_mentoring_areas"


def mentor_of(user: User | AnonymousUser) -> Mentor | None:
    """The user's mentor profile if it is active; None for everyone else."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _PROFILE):
        setattr(
            user,
            _PROFILE,
            Mentor.objects.filter(user=user, active=True).select_related("user").first(),
        )
    profile: Mentor | None = getattr(user, _PROFILE)
    return profile


def current_kelurahan_ids(mentor: Mentor | None, on: date | None = None) -> set[int]:
    """The kelurahan a mentor covers on a date: those assigned one by one and every
    kelurahan of an assigned kecamatan. Two queries, whatever the number of areas."""
    if mentor is None or not mentor.active:
        return set()
    on = on or timezone.localdate()
    assignments = Assignment.objects.current(on).filter(mentor=mentor)
    ids = set(assignments.filter(kelurahan__isnull=False).values_list("kelurahan_id", flat=True))
    kecamatan_ids = assignments.filter(kecamatan__isnull=False).values("kecamatan_id")
    ids.update(Kelurahan.objects.filter(kecamatan__in=kecamatan_ids).values_list("pk", flat=True))
    return ids


def in_areas(kelurahan_ids: set[int], *, via: str = "") -> Q:
    """A filter on a queryset whose rows reach UMKM by `via` ("" for UMKM itself,
    "umkm__" for loans and applications). No areas: a filter that matches nothing."""
    return Q(**{f"{via}kelurahan_id__in": sorted(kelurahan_ids)})


def user_areas(user: User | AnonymousUser) -> set[int]:
    """Today's kelurahan of the user's mentor profile. A page asks several times (queue,
    arrears, inbox, counts), so the answer is kept on the user object."""
    today = timezone.localdate()
    kept: tuple[date, set[int]] | None = getattr(user, _AREAS, None)
    if kept is None or kept[0] != today:
        kept = (today, current_kelurahan_ids(mentor_of(user), today))
        setattr(user, _AREAS, kept)
    return kept[1]


def umkm_for_mentor(user: User | AnonymousUser, on: date | None = None) -> QuerySet[UMKM]:
    areas = user_areas(user) if on is None else current_kelurahan_ids(mentor_of(user), on)
    return UMKM.objects.filter(in_areas(areas))


def get_umkm_for_mentor(user: User | AnonymousUser, pk: int) -> UMKM:
    """A business of the mentor's current areas, or 404: guessing another area's id in the
    URL tells nothing, not even that it exists."""
    umkm = umkm_for_mentor(user).select_related("kelurahan__kecamatan").filter(pk=pk).first()
    if umkm is None:
        raise Http404
    return umkm
