import pytest
from django.core.management import call_command
from django.utils import timezone

from lending.models import Application
from mentoring.models import Assignment, Mentor, MentorKind, Referral, Visit
from mentoring.selectors import current_kelurahan_ids, umkm_for_mentor
from registry.models import Kelurahan

pytestmark = pytest.mark.slow  # the whole demo data, seeded for real


def test_the_demo_has_mentors_gaps_visits_and_referrals_in_every_state(db):
    call_command("seed_demo", "--umkm", "1500", "--loans", "150")

    covered = set(
        Assignment.objects.current(timezone.localdate())
        .filter(mentor__kind=MentorKind.EKONOMI, mentor__active=True)
        .values_list("kelurahan", flat=True)
    )
    assert 30 < len(covered) < Kelurahan.objects.count()  # most kelurahan, not all
    assert Assignment.objects.filter(ends_on__isnull=False).exists()  # a reassignment
    assert Visit.objects.count() > 1000
    states = set(Referral.objects.values_list("state", flat=True))
    assert states == set(Referral.State.values)
    taken = Referral.objects.filter(application__isnull=False).select_related("application")
    assert taken.exists()
    assert all(r.application.state in Application.State.values for r in taken)
    for mentor in Mentor.objects.filter(
        user__username__in=["pendamping.pdb", "pendamping.ekonomi"]
    ):
        assert current_kelurahan_ids(mentor)
        assert umkm_for_mentor(mentor.user).exists()
    # Every referral is about a business of the referring mentor's areas.
    for referral in Referral.objects.select_related("referred_by", "umkm")[:200]:
        areas = {a.kelurahan_id for a in referral.referred_by.assignments.all()}
        assert referral.umkm.kelurahan_id in areas


def test_seeding_twice_adds_no_second_set_of_mentors(db):
    call_command("seed_demo", "--umkm", "300", "--loans", "20")
    counts = (Mentor.objects.count(), Visit.objects.count(), Referral.objects.count())

    call_command("seed_demo", "--umkm", "300", "--loans", "20")

    assert (Mentor.objects.count(), Visit.objects.count(), Referral.objects.count()) == counts
