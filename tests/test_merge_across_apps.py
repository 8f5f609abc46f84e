"""Merging two records of one business moves every app's records to the survivor, each app
moving its own (registry/merge_steps.py), with their history; a record no app moves stops
the merge before anything changes."""

import uuid
from datetime import date

import pytest

from lending.models import Application, Loan
from mentoring.models import Referral, Visit
from mentoring.services import referral_make, visit_record
from registry import merge_steps
from registry.errors import MergeError
from registry.models import UMKM
from registry.services import umkm_merge
from tests.lending.factories import disbursed_loan, new_business
from tests.mentoring.factories import MentorFactory, assign
from tests.training.factories import CohortFactory
from training.models import Enrollment
from training.services import enrollment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_records(people, today):
    """One business twice: the duplicate has a loan, a visit, a referral and an enrolment."""
    today(date(2025, 3, 3))
    survivor = new_business(name="Warung Bu Siti")
    duplicate = new_business(
        name="Warung Bu Sity", kelurahan=survivor.kelurahan, owner_nik=survivor.owner_nik
    )
    loan = disbursed_loan(people, umkm=duplicate, disbursed_on=date(2025, 3, 3))
    mentor = MentorFactory()
    assign(mentor, kelurahan=duplicate.kelurahan)
    visit, _ = visit_record(
        mentor=mentor, umkm=duplicate, client_id=uuid.uuid4(), visited_on=date(2025, 3, 3),
        purpose="pendataan",
    )  # fmt: skip
    referral, _ = referral_make(
        mentor=mentor, umkm=duplicate, client_id=uuid.uuid4(), kind=Referral.Kind.TRAINING,
        need="Pelatihan keuangan", training_topic="Manajemen keuangan",
    )  # fmt: skip
    enrollment = enrollment_create(
        cohort=CohortFactory(starts_on=date(2025, 4, 1)), umkm=duplicate, user=people.staff
    )
    return survivor, duplicate, loan, visit, referral, enrollment


def test_every_app_moves_its_own_records_to_the_survivor(two_records, people):
    survivor, duplicate, loan, visit, referral, enrollment = two_records

    umkm_merge(survivor=survivor, duplicate=duplicate, user=people.staff)

    assert not UMKM.objects.filter(pk=duplicate.pk).exists()
    assert Loan.objects.get(pk=loan.pk).umkm_id == survivor.pk
    assert Application.objects.get(pk=loan.application_id).umkm_id == survivor.pk
    assert Visit.objects.get(pk=visit.pk).umkm_id == survivor.pk
    assert Referral.objects.get(pk=referral.pk).umkm_id == survivor.pk
    assert Enrollment.objects.get(pk=enrollment.pk).umkm_id == survivor.pk
    assert Loan.history.filter(id=loan.pk).latest().umkm_id == survivor.pk  # the move is kept


def test_a_record_that_no_app_moves_stops_the_merge_before_anything_changes(
    two_records, people, monkeypatch
):
    survivor, duplicate, loan, visit, *_ = two_records
    monkeypatch.setattr(merge_steps, "_steps", [])  # as if an app had no merge step

    with pytest.raises(MergeError, match="tidak dapat dipindahkan"):
        umkm_merge(survivor=survivor, duplicate=duplicate, user=people.staff)

    assert UMKM.objects.filter(pk=duplicate.pk).exists()
    assert Loan.objects.get(pk=loan.pk).umkm_id == duplicate.pk
    assert Visit.objects.get(pk=visit.pk).umkm_id == duplicate.pk
