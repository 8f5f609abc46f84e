from datetime import date

import pytest
from django.db import IntegrityError, transaction

from cilegon_umkm.accounts.roles import Role
from mentoring.selectors import current_kelurahan_ids, mentor_of, umkm_for_mentor
from registry.models import Kelurahan
from tests.factories import UserFactory
from tests.lending.factories import new_business

from .factories import MentorFactory, assign

pytestmark = pytest.mark.django_db


def test_a_kelurahan_assignment_covers_that_kelurahan_only(mentor_a, areas):
    assert current_kelurahan_ids(mentor_a, date(2025, 6, 1)) == {areas[0].pk}


def test_a_kecamatan_assignment_covers_all_its_kelurahan(areas):
    mentor = MentorFactory()
    assign(mentor, kecamatan=areas[0].kecamatan)

    covered = current_kelurahan_ids(mentor, date(2025, 6, 1))

    assert covered == set(
        Kelurahan.objects.filter(kecamatan=areas[0].kecamatan).values_list("pk", flat=True)
    )
    assert areas[2].pk in covered and areas[1].pk not in covered


def test_only_assignments_in_force_count_last_day_included(areas):
    mentor = MentorFactory()
    assign(mentor, kelurahan=areas[0], starts_on=date(2025, 1, 1), ends_on=date(2025, 3, 31))
    assign(mentor, kelurahan=areas[1], starts_on=date(2025, 4, 1))

    assert current_kelurahan_ids(mentor, date(2024, 12, 31)) == set()
    assert current_kelurahan_ids(mentor, date(2025, 3, 31)) == {areas[0].pk}
    assert current_kelurahan_ids(mentor, date(2025, 4, 1)) == {areas[1].pk}


def test_an_inactive_mentor_or_a_user_without_profile_covers_nothing(mentor_a, areas):
    mentor_a.active = False
    mentor_a.save(update_fields=["active"])
    stranger = UserFactory(roles=[Role.PENDAMPING_PDB])
    new_business(kelurahan=areas[0])

    assert mentor_of(mentor_a.user) is None
    assert not umkm_for_mentor(mentor_a.user).exists()
    assert not umkm_for_mentor(stranger).exists()


def test_umkm_for_mentor_lists_the_businesses_of_the_areas(mentor_a, areas):
    mine = new_business(kelurahan=areas[0])
    new_business(kelurahan=areas[1])

    assert list(umkm_for_mentor(mentor_a.user)) == [mine]


def test_an_assignment_names_one_area_and_ends_after_it_starts(mentor_a, areas):
    with pytest.raises(IntegrityError), transaction.atomic():
        assign(mentor_a, kelurahan=areas[0], kecamatan=areas[0].kecamatan)
    with pytest.raises(IntegrityError), transaction.atomic():
        assign(mentor_a, kelurahan=areas[0], starts_on=date(2025, 5, 1), ends_on=date(2025, 4, 1))
