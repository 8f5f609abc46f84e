"""Demo mentors for seed_demo: the demo pendamping accounts get a profile and an area, so
that logging in as them shows real work. Chosen from the data, so the demo PDB mentor's
kecamatan is the one with the most applications waiting for a survey."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count

from lending.models import Application
from registry.models import UMKM, Kecamatan

from .models import Assignment, Mentor, MentorKind

SINCE = date(2025, 1, 2)


@transaction.atomic
def seed_mentoring() -> None:
    users = get_user_model().objects
    waiting = (
        Application.objects.filter(state=Application.State.SUBMITTED)
        .values("umkm__kelurahan__kecamatan")
        .annotate(n=Count("id"))
        .order_by("-n", "umkm__kelurahan__kecamatan")
        .first()
    )
    busiest = (
        Kecamatan.objects.filter(
            pk=waiting["umkm__kelurahan__kecamatan"] if waiting else None
        ).first()
        or Kecamatan.objects.order_by("name").first()
    )
    pdb = _mentor(users.get(username="pendamping.pdb"), MentorKind.PDB, Mentor.PaidBy.DINAS)
    _assign(pdb, kecamatan=busiest)
    kelurahan = (
        UMKM.objects.filter(kelurahan__kecamatan=busiest)
        .values("kelurahan")
        .annotate(n=Count("id"))
        .order_by("-n", "kelurahan")
        .first()
    )
    ekonomi = _mentor(
        users.get(username="pendamping.ekonomi"), MentorKind.EKONOMI, Mentor.PaidBy.KELURAHAN
    )
    if kelurahan:
        _assign(ekonomi, kelurahan_id=kelurahan["kelurahan"])


def _mentor(user, kind: str, paid_by: str) -> Mentor:
    mentor, _created = Mentor.objects.get_or_create(
        user=user, defaults={"kind": kind, "paid_by": paid_by, "phone": "+6281234500000"}
    )
    return mentor


def _assign(mentor: Mentor, **area) -> None:
    if not mentor.assignments.exists():
        Assignment.objects.create(mentor=mentor, starts_on=SINCE, **area)
