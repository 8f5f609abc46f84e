"""Training certificates say who really issued them: the Dinas issues a training certificate
(never a halal or competency one), the real certificates arrive from their real issuers, and
only those make a business "certified". What a certificate says is frozen when issued, and
it is revoked once."""

import importlib
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import UMKM, Certification, CertificationKind, Kelurahan
from registry.selectors import with_valid_certification
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Certificate, FacilitatedCertification, Module
from training.services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    facilitated_certification_record,
    result_record,
    session_record,
)
from training.services.completion import ISSUER

from .factories import CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.STAF_DINAS])


def _graduate(staff, *, kind=CertificationKind.HALAL, name="Keripik Bu Ani", owner="Ani"):
    """A participant of a halal track who completed it; the enrolment."""
    cohort = CohortFactory(track=TrackFactory(certificate_kind=kind))
    enrollment = enrollment_create(
        cohort=cohort, umkm=new_business(name=name, owner_name=owner), user=staff
    )
    for day, module in enumerate(Module.objects.filter(track=cohort.track), start=1):
        session_record(cohort=cohort, module=module, held_on=date(2025, 7, day),
                       present={enrollment.pk}, user=staff)  # fmt: skip
        result_record(enrollment=enrollment, module=module, user=staff, passed=True)
    return enrollment


def _issue(enrollment, staff) -> Certificate:
    return certificate_issue(enrollment=enrollment, user=staff, issued_on=date(2025, 7, 12))


def test_it_records_the_dinas_certificate_as_a_training_certificate(staff):
    enrollment = _graduate(staff)

    certificate = _issue(enrollment, staff)

    entry = Certification.objects.get(umkm=enrollment.umkm)
    assert entry.kind == CertificationKind.TRAINING != CertificationKind.HALAL
    assert (entry.issuer, entry.number) == (ISSUER, certificate.number)


def test_it_records_the_real_certificate_with_its_issuer_linked_to_the_training(staff):
    enrollment = _graduate(staff)
    _issue(enrollment, staff)

    link = facilitated_certification_record(
        enrollment=enrollment, kind=CertificationKind.HALAL, number="ID36110000123",
        issuer="BPJPH", issued_on=date(2025, 9, 1), user=staff,
    )  # fmt: skip

    halal = Certification.objects.get(umkm=enrollment.umkm, kind=CertificationKind.HALAL)
    assert (halal.issuer, halal.number, halal.issued_on) == (
        "BPJPH", "ID36110000123", date(2025, 9, 1),
    )  # fmt: skip
    assert link.certification == halal
    assert list(enrollment.facilitated_certifications.all()) == [link]


def test_it_refuses_a_training_certificate_or_one_without_issuer_as_a_real_one(staff):
    enrollment = _graduate(staff)

    with pytest.raises(TrainingError):
        facilitated_certification_record(
            enrollment=enrollment, kind=CertificationKind.TRAINING, number="X-1",
            issuer="Dinas", issued_on=date(2025, 9, 1), user=staff,
        )  # fmt: skip
    with pytest.raises(TrainingError):
        facilitated_certification_record(
            enrollment=enrollment, kind=CertificationKind.HALAL, number="X-1",
            issuer=" ", issued_on=date(2025, 9, 1), user=staff,
        )  # fmt: skip
    assert not FacilitatedCertification.objects.exists()


def test_a_training_certificate_alone_does_not_make_a_business_certified(staff):
    trained = _graduate(staff).umkm
    _issue(trained.enrollments.get(), staff)
    halal = _graduate(staff, name="Sambal Pak Budi", owner="Budi")
    _issue(halal, staff)
    facilitated_certification_record(
        enrollment=halal, kind=CertificationKind.HALAL, number="ID36110000999",
        issuer="BPJPH", issued_on=date(2025, 9, 1), user=staff,
    )  # fmt: skip

    certified = with_valid_certification(UMKM.objects.all(), date(2025, 10, 1))

    assert list(certified) == [halal.umkm]


def test_the_registry_filter_certified_leaves_out_training_only(client_as, staff):
    _issue(_graduate(staff, name="Hanya Pelatihan"), staff)

    html = client_as(Role.STAF_DINAS).get(
        reverse("registry:index"), {"sertifikat_berlaku": "2025-10-01"}
    )

    assert "Hanya Pelatihan" not in html.content.decode()


def test_the_directory_shows_training_as_training_and_real_certificates(client_as, staff):
    enrollment = _graduate(staff)
    certificate = _issue(enrollment, staff)
    facilitated_certification_record(
        enrollment=enrollment, kind=CertificationKind.HALAL, number="ID36110000777",
        issuer="BPJPH", issued_on=date(2025, 9, 1), user=staff,
    )  # fmt: skip

    response = client_as(Role.MITRA_INDUSTRI).get(reverse("training:directory"))

    html = response.content.decode()
    badges = html.split('data-testid="certifications"')[1].split("</div>")[0]
    assert "ID36110000777" in badges and "BPJPH" in badges
    assert certificate.number not in badges  # not shown as a certificate
    training = html.split('data-testid="training"')[1].split("</div>")[0]
    assert enrollment.cohort.track.name in training and "pelatihan" in training.lower()


def test_revoking_twice_is_refused_and_keeps_the_first_date(staff):
    certificate = _issue(_graduate(staff), staff)
    certificate_revoke(certificate=certificate, reason="Data palsu", on=date(2025, 8, 1))

    with pytest.raises(TrainingError, match=r"sudah dicabut|already revoked"):
        certificate_revoke(certificate=certificate, reason="Lagi", on=date(2025, 9, 1))

    certificate.refresh_from_db()
    assert (certificate.revoked_on, certificate.revoke_reason) == (date(2025, 8, 1), "Data palsu")
    entry = certificate.certification
    entry.refresh_from_db()
    assert entry.expires_on == date(2025, 8, 1)


def test_the_public_page_shows_the_names_as_on_the_day_of_issue(client, staff):
    enrollment = _graduate(staff, name="Keripik Bu Ani", owner="Ani")
    certificate = _issue(enrollment, staff)
    UMKM.objects.filter(pk=enrollment.umkm_id).update(name="Toko Baru Jaya", owner_name="Joko")

    html = client.get(certificate.get_verification_url()).content.decode()

    assert "Keripik Bu Ani" in html and "Ani" in html
    assert "Toko Baru Jaya" not in html and "Joko" not in html


def test_what_the_paper_says_stays_after_the_business_moves_and_the_track_is_renamed(
    client, client_as, staff, settings
):
    settings.CERTIFICATE_SIGNATORY_NAME = "Kepala Lama"
    enrollment = _graduate(staff)
    certificate = _issue(enrollment, staff)
    kelurahan = enrollment.umkm.kelurahan.name
    cohort = enrollment.cohort
    other = Kelurahan.objects.exclude(pk=enrollment.umkm.kelurahan_id).first()
    UMKM.objects.filter(pk=enrollment.umkm_id).update(kelurahan=other)
    cohort.track.__class__.objects.filter(pk=cohort.track_id).update(name="Nama Jalur Baru")
    cohort.__class__.objects.filter(pk=cohort.pk).update(venue="Gedung Baru")
    settings.CERTIFICATE_SIGNATORY_NAME = "Kepala Baru"

    public = client.get(certificate.get_verification_url()).content.decode()
    printed = (
        client_as(Role.STAF_DINAS)
        .get(reverse("training:certificate-print", args=[certificate.pk]))
        .content.decode()
    )

    for html in (public, printed):
        assert kelurahan in html and other.name not in html
        assert cohort.track.name in html and "Nama Jalur Baru" not in html
        assert "Gedung Baru" not in html
    assert "Kepala Lama" in printed and "Kepala Baru" not in printed


def test_the_public_page_calls_it_a_training_certificate_never_halal(client, staff):
    enrollment = _graduate(staff, kind=CertificationKind.HALAL)
    enrollment.cohort.track.__class__.objects.filter(pk=enrollment.cohort.track_id).update(
        certificate_title="Sertifikat Halal"
    )
    certificate = _issue(enrollment, staff)

    html = client.get(certificate.get_verification_url()).content.decode()

    assert "Sertifikat Halal" not in html
    assert 'data-testid="verify-kind"' in html


def test_the_data_migration_turns_dinas_certificates_into_training_and_freezes_names(staff):
    enrollment = _graduate(staff, name="Nama Lama", owner="Pemilik Lama")
    certificate = _issue(enrollment, staff)
    # As the rows stood before: the Dinas's certificate entered as halal, no names frozen.
    Certification.objects.filter(pk=certificate.certification_id).update(kind="halal")
    Certificate.objects.filter(pk=certificate.pk).update(business_name="", owner_name="")
    UMKM.history.filter(id=enrollment.umkm_id).update(
        history_date=datetime(2025, 7, 1, 9, tzinfo=UTC)  # registered before the training
    )
    umkm = UMKM.objects.get(pk=enrollment.umkm_id)
    umkm.name, umkm.owner_name = "Nama Baru", "Pemilik Baru"
    umkm.save()  # a later rename (today), kept in the history
    migration = importlib.import_module("training.migrations.0007_certificates_say_who_issued_them")

    migration.training_certificates_are_training(apps, None)

    certificate.refresh_from_db()
    assert certificate.certification.kind == CertificationKind.TRAINING
    assert (certificate.business_name, certificate.owner_name) == ("Nama Lama", "Pemilik Lama")
