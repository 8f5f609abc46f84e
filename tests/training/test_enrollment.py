"""Enrolment: every refusal with its reason, the quota, the waiting list in order."""

from datetime import date

import pytest

from registry.models import UMKM, Certification, CertificationKind, Status
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Enrollment
from training.selectors import enrollment_problems
from training.services import enrollment_create, enrollment_withdraw

from .factories import CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db
State = Enrollment.State


@pytest.fixture
def staff(db):
    return UserFactory()


def test_an_active_entrepreneurs_business_is_enrolled(staff):
    cohort = CohortFactory()
    umkm = new_business()

    enrollment = enrollment_create(cohort=cohort, umkm=umkm, user=staff)

    assert enrollment.state == State.ENROLLED


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": Status.INACTIVE}, "tidak aktif"),
        ({"is_entrepreneur": False}, "bukan karyawan"),
    ],
)
def test_refusals_say_why(staff, fields, reason):
    cohort = CohortFactory()

    with pytest.raises(TrainingError, match=reason):
        enrollment_create(cohort=cohort, umkm=new_business(**fields), user=staff)
    assert not Enrollment.objects.exists()


def test_a_business_not_in_the_registry_is_refused():
    assert enrollment_problems(cohort=CohortFactory(), umkm=UMKM(name="Belum terdaftar")) == [
        "Hanya usaha yang terdaftar yang dapat ikut."
    ]


def test_holding_a_halal_certificate_already_is_refused_unless_it_expired(staff, today):
    today(date(2025, 6, 1))
    cohort = CohortFactory(track=TrackFactory(certificate_kind=CertificationKind.HALAL))
    holder, expired = new_business(), new_business()
    Certification.objects.create(umkm=holder, kind=CertificationKind.HALAL, number="H-1")
    Certification.objects.create(
        umkm=expired, kind=CertificationKind.HALAL, number="H-2",
        issued_on=date(2021, 1, 1), expires_on=date(2024, 1, 1),
    )  # fmt: skip

    with pytest.raises(TrainingError, match="H-1"):
        enrollment_create(cohort=cohort, umkm=holder, user=staff)
    assert enrollment_create(cohort=cohort, umkm=expired, user=staff).state == State.ENROLLED


def test_a_competency_in_another_trade_does_not_block_this_one(staff):
    cohort = CohortFactory()  # a competency track
    laundry_pro = new_business()
    Certification.objects.create(
        umkm=laundry_pro, kind=CertificationKind.COMPETENCY, number="LSP-LAUNDRY-1"
    )

    assert enrollment_create(cohort=cohort, umkm=laundry_pro, user=staff).state == State.ENROLLED


def test_an_overlapping_cohort_is_refused_a_later_one_is_not(staff):
    umkm = new_business()
    first = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    overlapping = CohortFactory(starts_on=date(2025, 7, 8), ends_on=date(2025, 7, 20))
    later = CohortFactory(starts_on=date(2025, 7, 11), ends_on=date(2025, 7, 20))
    enrollment_create(cohort=first, umkm=umkm, user=staff)

    with pytest.raises(TrainingError, match=first.name):
        enrollment_create(cohort=overlapping, umkm=umkm, user=staff)
    assert enrollment_create(cohort=later, umkm=umkm, user=staff).state == State.ENROLLED


def test_beyond_the_quota_a_waiting_list_in_order_moved_up_on_withdrawal(staff, today):
    today(date(2025, 7, 5))  # while the cohort runs (1 to 10 July)
    cohort = CohortFactory(quota=2)
    places = [enrollment_create(cohort=cohort, umkm=new_business(), user=staff) for _ in range(4)]

    assert [p.state for p in places] == [
        State.ENROLLED,
        State.ENROLLED,
        State.WAITING,
        State.WAITING,
    ]
    moved_up = enrollment_withdraw(enrollment=places[0])

    assert moved_up == places[2]
    states = [Enrollment.objects.get(pk=p.pk).state for p in places]
    assert states == [State.WITHDRAWN, State.ENROLLED, State.ENROLLED, State.WAITING]


def test_the_same_business_twice_in_a_cohort_is_refused(staff):
    cohort, umkm = CohortFactory(), new_business()
    enrollment_create(cohort=cohort, umkm=umkm, user=staff)

    with pytest.raises(TrainingError, match="sudah"):
        enrollment_create(cohort=cohort, umkm=umkm, user=staff)
