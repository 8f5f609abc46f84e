"""Eligibility by owner: the NIK, not the business, holds a track's certificate. An owner
certified on a track is not enrolled on it again through another of their businesses,
unless staff set the rule aside with a reason, which the enrolment keeps."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Certificate, Enrollment
from training.services import enrollment_create
from training.services.completion import certificate_as_printed

from .factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory()


@pytest.fixture
def certified_owner(staff):
    """An owner certified on a track through their catering business, and the track's next
    cohort (the business's certificate from the first)."""
    first = CohortFactory(starts_on=date(2025, 2, 1), ends_on=date(2025, 2, 10))
    catering = new_business(name="Katering Bu Ani")
    enrollment = enrollment_create(cohort=first, umkm=catering, user=staff)
    Certificate.objects.create(
        enrollment=enrollment, number="DKUMKM-CLG/2025/001/00001", issued_on=date(2025, 2, 17),
        issued_by=staff, **certificate_as_printed(first, catering),
    )  # fmt: skip
    second = CohortFactory(track=first.track, starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    return catering, second


def test_an_owner_certified_on_the_track_is_refused_through_another_business(
    staff, certified_owner
):
    catering, cohort = certified_owner
    bakery = new_business(name="Roti Bu Ani", owner_nik=catering.owner_nik)

    with pytest.raises(TrainingError, match="DKUMKM-CLG/2025/001/00001") as refused:
        enrollment_create(cohort=cohort, umkm=bakery, user=staff)

    assert "Katering Bu Ani" in str(refused.value)
    assert not Enrollment.objects.filter(cohort=cohort).exists()


def test_the_same_business_is_still_refused(staff, certified_owner):
    catering, cohort = certified_owner

    with pytest.raises(TrainingError, match="DKUMKM-CLG/2025/001/00001"):
        enrollment_create(cohort=cohort, umkm=catering, user=staff)


def test_another_owner_is_not_affected(staff, certified_owner):
    _catering, cohort = certified_owner

    assert enrollment_create(cohort=cohort, umkm=new_business(), user=staff).override_reason == ""


def test_staff_enrol_the_owner_again_with_a_reason_which_is_kept(staff, certified_owner):
    catering, cohort = certified_owner
    bakery = new_business(name="Roti Bu Ani", owner_nik=catering.owner_nik)

    enrollment = enrollment_create(
        cohort=cohort, umkm=bakery, user=staff, override_reason="  Sertifikat lama hilang  "
    )

    assert enrollment.state == Enrollment.State.ENROLLED
    assert enrollment.override_reason == "Sertifikat lama hilang"
    assert enrollment.history.get().override_reason == "Sertifikat lama hilang"


def test_a_reason_does_not_set_aside_the_other_rules(staff, certified_owner):
    _catering, cohort = certified_owner
    employee = new_business(is_entrepreneur=False)

    with pytest.raises(TrainingError):
        enrollment_create(cohort=cohort, umkm=employee, user=staff, override_reason="Mohon")


def test_through_the_cohort_page_refused_then_enrolled_with_a_reason(
    client_as, staff, certified_owner
):
    catering, cohort = certified_owner
    bakery = new_business(name="Roti Bu Ani", owner_nik=catering.owner_nik)
    client = client_as(Role.STAF_DINAS)
    url = reverse("training:enroll", args=[cohort.pk])

    refused = client.post(url, {"umkm": bakery.pk, "override_reason": ""}, follow=True)
    assert "DKUMKM-CLG/2025/001/00001" in refused.content.decode()
    assert not Enrollment.objects.filter(cohort=cohort).exists()

    client.post(url, {"umkm": bakery.pk, "override_reason": "Ikut ulang atas permintaan LSP"})
    enrollment = Enrollment.objects.get(cohort=cohort)
    assert (enrollment.umkm, enrollment.override_reason) == (
        bakery,
        "Ikut ulang atas permintaan LSP",
    )


def test_the_cohort_page_offers_the_reason_field(client_as, certified_owner):
    _catering, cohort = certified_owner
    client = client_as(Role.STAF_DINAS)

    html = client.get(
        reverse("training:cohort-detail", args=[cohort.pk]), {"cari": "Katering Bu Ani"}
    ).content.decode()

    assert 'data-testid="override-reason"' in html
