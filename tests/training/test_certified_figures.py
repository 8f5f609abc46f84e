"""The training figures tell two things apart: "trained" (the Dinas's own training certificate,
not revoked) and "certified" (a certificate from its real issuer obtained through the
training, not ended). Read from the dashboard's training page, its target and the report."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.models import Metric, Target
from registry.models import CertificationKind
from registry.services import certification_revoke
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.models import Module
from training.services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    facilitated_certification_record,
    result_record,
    session_record,
)

from .factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(today):
    today(date(2025, 11, 1))
    return UserFactory(roles=[Role.STAF_DINAS])


@pytest.fixture
def graduates(staff):
    """Two participants of a 2025 cohort who completed the path and hold the Dinas's
    training certificate; a third who did not finish. The track facilitates halal."""
    cohort = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10),
                           track__certificate_kind=CertificationKind.HALAL)  # fmt: skip
    people = [enrollment_create(cohort=cohort, umkm=new_business(), user=staff) for _ in range(3)]
    for day, module in enumerate(Module.objects.filter(track=cohort.track), start=1):
        session_record(cohort=cohort, module=module, held_on=date(2025, 7, day),
                       present={e.pk for e in people}, user=staff)  # fmt: skip
        for e in people[:2]:
            result_record(enrollment=e, module=module, user=staff, passed=True)
    for e in people[:2]:
        certificate_issue(enrollment=e, user=staff, issued_on=date(2025, 7, 11))
    return people[:2]


def _real(enrollment, staff, number="ID36110000001"):
    return facilitated_certification_record(
        enrollment=enrollment, kind=CertificationKind.HALAL, number=number, issuer="BPJPH",
        issued_on=date(2025, 9, 1), user=staff,
    )  # fmt: skip


def _page(client, **query):
    url = reverse("dashboard:area", kwargs={"area": "pelatihan"})
    return client.get(url, {"tahun": "2025", **query}).context["page"]


def _figures(client, **query) -> tuple[int, int]:
    page = _page(client, **query)
    return page.figure("trained").value, page.figure("certified").value


def test_a_training_certificate_alone_does_not_count_as_certified(client_as, graduates):
    assert _figures(client_as(Role.PIMPINAN)) == (2, 0)


def test_a_certificate_from_its_issuer_through_the_training_counts(client_as, graduates, staff):
    _real(graduates[0], staff)
    _real(graduates[0], staff, number="ID36110000002")  # a second one: still one business

    page = _page(client_as(Role.PIMPINAN))

    assert (page.figure("trained").value, page.figure("certified").value) == (2, 1)
    assert page.figure("certified").note.endswith("33,3 %")  # 1 of 3 participants
    funnel = {row.label: row.values for row in page.breakdowns[0].rows}
    assert list(funnel.values()) == [(3, 3, 2, 2, 1)]


def test_a_revoked_real_certificate_does_not_count(client_as, graduates, staff):
    link = _real(graduates[0], staff)
    certification_revoke(certification=link.certification, on=date(2025, 10, 1), user=staff,
                         reason="Dicabut oleh BPJPH")  # fmt: skip

    assert _figures(client_as(Role.PIMPINAN)) == (2, 0)


def test_a_revoked_training_certificate_leaves_the_real_one_counted(client_as, graduates, staff):
    _real(graduates[0], staff)
    certificate_revoke(certificate=graduates[0].certificate, reason="Salah data",
                       on=date(2025, 10, 1), user=staff)  # fmt: skip

    assert _figures(client_as(Role.PIMPINAN)) == (1, 1)


def test_a_real_certificate_ended_after_the_period_still_counts_for_it(client_as, graduates, staff):
    link = _real(graduates[0], staff)
    certification_revoke(certification=link.certification, on=date(2025, 10, 15), user=staff,
                         reason="Dicabut oleh BPJPH")  # fmt: skip

    client = client_as(Role.PIMPINAN)

    assert _figures(client, dari="1", sampai="9") == (2, 1)  # in force at the end of September
    assert _figures(client, dari="1", sampai="11") == (2, 0)


def test_the_per_kecamatan_rows_split_the_two(client_as, graduates, staff):
    _real(graduates[0], staff)

    page = _page(client_as(Role.PIMPINAN))

    rows = next(b for b in page.breakdowns if b.key == "per-kecamatan").rows
    assert sorted(row.values for row in rows if row.values[0]) == [(3, 2, 1)]


def test_the_target_counts_real_certificates_only(client_as, graduates, staff):
    Target.objects.create(year=2025, metric=Metric.UMKM_CERTIFIED, value=10)
    client = client_as(Role.PIMPINAN)
    (before,) = _page(client).targets

    _real(graduates[1], staff)
    cache.clear()  # the figures are cached for five minutes

    (after,) = _page(client).targets
    assert (before.actual, after.actual) == (0, 1)


def test_the_report_page_says_what_each_figure_counts(client_as, graduates, staff):
    _real(graduates[0], staff)

    response = client_as(Role.PIMPINAN).get(reverse("training:report"), {"tahun": "2025"})

    html = response.content.decode()
    legend = html.split('data-testid="what-is-counted"')[1].split("</dl>")[0]
    assert "BPJPH" in legend and "pelatihan" in legend
    (track,) = response.context["tracks"]
    assert (track.trained, track.certified) == (2, 1)
    (row,) = response.context["kecamatan"]
    assert row[1:] == (3, 2, 1)
