from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.models import Certificate, Enrollment, Module
from training.selectors.reports import absorption_by_month, funnel, participants_per_kecamatan
from training.services import (
    certificate_issue,
    enrollment_create,
    facilitated_certification_record,
    result_record,
    session_record,
)

from .factories import CohortFactory, spending_post_on_the_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(db):
    """Four enrolled: one never came, one came but failed, two certified."""
    staff = UserFactory()
    cohort = CohortFactory(cost_per_participant=2_000_000, track__certificate_kind="halal")
    people = [enrollment_create(cohort=cohort, umkm=new_business(), user=staff) for _ in range(4)]
    never, failed, *good = people
    for day, module in enumerate(Module.objects.filter(track=cohort.track), start=1):
        present = {e.pk for e in people if e is not never}
        session_record(
            cohort=cohort, module=module, held_on=date(2025, 7, day), present=present, user=staff
        )
        for e in good:
            result_record(enrollment=e, module=module, user=staff, passed=True)
        result_record(enrollment=failed, module=module, user=staff, passed=day != 2)
    for e in good:
        certificate_issue(enrollment=e, user=staff, issued_on=date(2025, 7, 12))
    spending_post_on_the_day(line=cohort.budget_line, spent_on=date(2025, 7, 12),
                             amount=8_000_000, description="Pelatihan", document_no="SPJ",
                             user=staff)  # fmt: skip
    return cohort


def _halal_for_one_graduate(cohort) -> None:
    graduate = Certificate.objects.filter(enrollment__cohort=cohort).first().enrollment
    facilitated_certification_record(
        enrollment=graduate, kind="halal", number="ID36110000042", issuer="BPJPH",
        issued_on=date(2025, 9, 1), user=graduate.enrolled_by,
    )  # fmt: skip


def test_the_funnel_from_enrolment_to_certificate(cohort):
    _halal_for_one_graduate(cohort)

    (track,) = funnel(2025, on=date(2025, 12, 31))

    assert (track.enrolled, track.attending, track.passed) == (4, 3, 2)
    # Two training certificates from the Dinas; one business certified by its real issuer.
    assert (track.trained, track.certified) == (2, 1)
    assert track.cost_per_certified == 8_000_000  # 4 x Rp2.000.000 for 1 real certificate


def test_participants_per_kecamatan_and_absorption_by_month(cohort):
    (row,) = participants_per_kecamatan(2025)
    months = absorption_by_month(2025)

    assert row[1:] == (4, 2, 0)  # participants, training certificates, real certificates
    assert months[6] == (7, 8_000_000, 8_000_000) and months[11][2] == 8_000_000


def test_the_report_page(client_as, cohort, django_assert_max_num_queries):
    client = client_as(Role.PIMPINAN)

    with django_assert_max_num_queries(16):  # with the kecamatan choices
        html = client.get(reverse("training:report"), {"tahun": "2025"}).content.decode()

    assert 'data-testid="funnel"' in html and cohort.name in html
    assert client_as(Role.MITRA_INDUSTRI).get(reverse("training:report")).status_code == 403


def test_the_report_shows_one_kecamatan_and_counts_certificates_on_the_day_asked(
    client_as, cohort, today
):
    today(date(2026, 3, 1))
    graduate = Certificate.objects.filter(enrollment__cohort=cohort).first().enrollment
    facilitated_certification_record(
        enrollment=graduate, kind="halal", number="ID36110000043", issuer="BPJPH",
        issued_on=date(2025, 9, 1), expires_on=date(2025, 10, 31), user=graduate.enrolled_by,
    )  # fmt: skip
    kecamatan = Enrollment.objects.filter(cohort=cohort).first().umkm.kelurahan.kecamatan_id
    client = client_as(Role.PIMPINAN)
    url = reverse("training:report")

    there = client.get(url, {"tahun": "2025", "kecamatan": str(kecamatan)}).context
    elsewhere = client.get(url, {"tahun": "2025", "kecamatan": str(kecamatan + 100)}).context
    in_force = client.get(url, {"tahun": "2025", "pada": "2025-09-30"}).context
    year_end = client.get(url, {"tahun": "2025"}).context

    assert (
        sum(t.enrolled for t in there["tracks"])
        == Enrollment.objects.filter(cohort=cohort, umkm__kelurahan__kecamatan_id=kecamatan).count()
    )
    assert sum(t.enrolled for t in elsewhere["tracks"]) == 0
    assert sum(t.certified for t in in_force["tracks"]) == 1
    assert sum(t.certified for t in year_end["tracks"]) == 0  # the PIRT ended in October


@pytest.mark.parametrize(
    "query",
    [{"kecamatan": "abc"}, {"kecamatan": "²"}, {"pada": "2024-05-01"}, {"pada": "\x00"},
     {"pada": "2099-01-01"}, {"tahun": "1"}],
)  # fmt: skip
def test_a_value_the_report_cannot_read_lists_nothing_and_says_so(client_as, cohort, query):
    response = client_as(Role.PIMPINAN).get(reverse("training:report"), {"tahun": "2025", **query})

    assert response.status_code == 200
    assert response.context["tracks"] == []
    assert 'data-testid="filter-errors"' in response.content.decode()
