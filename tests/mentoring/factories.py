"""Mentors and their areas, for the mentoring tests."""

from datetime import date

import factory

from cilegon_umkm.accounts.roles import Role
from mentoring.models import Assignment, Mentor, MentorKind
from tests.factories import UserFactory


class MentorFactory(factory.django.DjangoModelFactory):
    """A pendamping PDB by default; kind=MentorKind.EKONOMI for the other kind."""

    class Meta:
        model = Mentor

    user = factory.LazyAttribute(
        lambda m: UserFactory(
            roles=[Role.PENDAMPING_PDB if m.kind == MentorKind.PDB else Role.PENDAMPING_EKONOMI]
        )
    )
    kind = MentorKind.PDB
    paid_by = Mentor.PaidBy.DINAS


def assign(mentor: Mentor, *, starts_on=date(2025, 1, 1), ends_on=None, **area) -> Assignment:
    """assign(mentor, kelurahan=k) or assign(mentor, kecamatan=k)."""
    return Assignment.objects.create(mentor=mentor, starts_on=starts_on, ends_on=ends_on, **area)
