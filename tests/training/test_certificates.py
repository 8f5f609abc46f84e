"""From attendance to a certificate that anyone can verify, without a login and without
seeing personal data."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import Certification
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Certificate, Module
from training.selectors import participant_path
from training.services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    result_record,
    session_record,
)

from .factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.STAF_DINAS])


@pytest.fixture
def class_of_two(staff):
    """A cohort of three modules, one with a passing score; two participants."""
    cohort = CohortFactory()
    Module.objects.filter(track=cohort.track, order=3).update(pass_score=70)
    good = enrollment_create(cohort=cohort, umkm=new_business(owner_name="Yati"), user=staff)
    absent = enrollment_create(cohort=cohort, umkm=new_business(), user=staff)
    for day, module in enumerate(cohort.track.modules.all(), start=1):
        session_record(
            cohort=cohort, module=module, held_on=date(2025, 7, day),
            present={good.pk} if day < 3 else {good.pk, absent.pk}, user=staff,
        )  # fmt: skip
    return cohort, good, absent


def _pass_all(enrollment, staff, score=85):
    for module in enrollment.cohort.track.modules.all():
        result_record(enrollment=enrollment, module=module, user=staff, score=score, passed=True)


def test_the_path_shows_every_module_done_and_to_do(class_of_two, staff):
    _cohort, good, _absent = class_of_two
    first = good.cohort.track.modules.get(order=1)
    result_record(enrollment=good, module=first, user=staff, passed=True)

    path = participant_path(good)

    assert [s.passed for s in path.steps] == [True, None, None]
    assert path.attendance_percent == 100 and not path.complete


def test_a_score_below_the_passing_score_fails_the_module(class_of_two, staff):
    _cohort, good, _absent = class_of_two
    exam = good.cohort.track.modules.get(order=3)

    assert not result_record(enrollment=good, module=exam, user=staff, score=60).passed
    with pytest.raises(TrainingError):
        result_record(enrollment=good, module=exam, user=staff)  # no score


def test_the_certificate_needs_every_module_and_the_attendance(class_of_two, staff):
    _cohort, good, absent = class_of_two
    _pass_all(absent, staff)

    with pytest.raises(TrainingError, match="kehadiran 33"):
        certificate_issue(enrollment=absent, user=staff, issued_on=date(2025, 7, 11))
    _pass_all(good, staff)
    certificate = certificate_issue(enrollment=good, user=staff, issued_on=date(2025, 7, 11))
    again = certificate_issue(enrollment=good, user=staff, issued_on=date(2025, 7, 12))

    assert again == certificate
    assert certificate.number.startswith("DKUMKM-CLG/2025/")
    entry = Certification.objects.get(umkm=good.umkm)
    assert (entry.kind, entry.number) == ("pelatihan", certificate.number)  # the Dinas's own


def test_the_public_page_shows_a_valid_certificate_without_personal_data(
    client, class_of_two, staff
):
    _cohort, good, _absent = class_of_two
    _pass_all(good, staff)
    certificate = certificate_issue(enrollment=good, user=staff, issued_on=date(2025, 7, 11))

    html = client.get(certificate.get_verification_url()).content.decode()

    assert 'data-testid="verify-valid"' in html and certificate.number in html
    assert "Yati" in html
    assert good.umkm.owner_nik not in html and good.umkm.owner_nik[-4:] not in html
    assert (good.umkm.owner_phone or "+62") not in html


def test_a_revoked_certificate_shows_revoked_and_leaves_the_registry(client, class_of_two, staff):
    _cohort, good, _absent = class_of_two
    _pass_all(good, staff)
    certificate = certificate_issue(enrollment=good, user=staff, issued_on=date(2025, 7, 11))

    certificate_revoke(certificate=certificate, reason="Data palsu", on=date(2025, 8, 1))

    html = client.get(certificate.get_verification_url()).content.decode()
    assert 'data-testid="verify-revoked"' in html
    assert not Certification.objects.get(umkm=good.umkm).is_valid_on(date(2025, 8, 2))


def test_an_unknown_code_is_a_404_that_says_so(client):
    response = client.get(reverse("certificate-verify", args=["tidak-ada-kode-ini"]))

    assert response.status_code == 404
    assert 'data-testid="verify-unknown"' in response.content.decode()


def test_the_printable_certificate_carries_a_qr_code(client_as, class_of_two, staff):
    _cohort, good, _absent = class_of_two
    _pass_all(good, staff)
    certificate = certificate_issue(enrollment=good, user=staff, issued_on=date(2025, 7, 11))

    html = client_as(Role.STAF_DINAS).get(
        reverse("training:certificate-print", args=[certificate.pk])
    )
    outsider = client_as(Role.PENDAMPING_EKONOMI).get(
        reverse("training:certificate-print", args=[certificate.pk])
    )

    assert "<svg" in html.content.decode() and certificate.code in html.content.decode()
    assert outsider.status_code == 403
    assert Certificate.objects.count() == 1


def test_staff_revoke_from_the_participant_page_with_a_reason(client_as, class_of_two, staff):
    _cohort, good, _absent = class_of_two
    _pass_all(good, staff)
    certificate = certificate_issue(enrollment=good, user=staff, issued_on=date(2025, 7, 11))
    url = reverse("training:certificate-revoke", args=[certificate.pk])

    assert client_as(Role.PIMPINAN).post(url, {"reason": "x"}).status_code == 403
    client = client_as(Role.STAF_DINAS)
    client.post(url, {"reason": " "})
    certificate.refresh_from_db()
    assert certificate.revoked_on is None
    client.post(url, {"reason": "Usaha sudah tutup"})

    certificate.refresh_from_db()
    assert certificate.revoked_on is not None and certificate.revoke_reason == "Usaha sudah tutup"


def test_a_certified_business_is_not_enrolled_in_the_same_track_again(class_of_two, staff):
    cohort, good, _absent = class_of_two
    _pass_all(good, staff)
    certificate = certificate_issue(enrollment=good, user=staff, issued_on=date(2025, 7, 11))
    next_run = CohortFactory(
        track=cohort.track, starts_on=date(2025, 9, 1), ends_on=date(2025, 9, 9)
    )

    with pytest.raises(TrainingError, match=certificate.number):
        enrollment_create(cohort=next_run, umkm=good.umkm, user=staff)
