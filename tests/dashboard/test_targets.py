"""Yearly targets: kept by office staff in the admin, shown to leadership as progress of the
year to date, city-wide whatever the filter."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.models import Metric, Target
from cilegon_umkm.dashboard.targets import year_gone_by
from mentoring.models import Visit
from registry.models import UMKM

pytestmark = pytest.mark.django_db


def _targets(client, area="", **query):
    url = reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")
    return {t.label: t for t in client.get(url, {"tahun": "2025", **query}).context["page"].targets}


def test_progress_is_the_year_to_date_against_the_target(client_as, office):
    Target.objects.create(year=2025, metric=Metric.VISITS, value=10)
    Target.objects.create(year=2025, metric=Metric.UMKM_CERTIFIED, value=4)
    Target.objects.create(year=2024, metric=Metric.VISITS, value=99)  # another year

    targets = _targets(client_as(Role.PIMPINAN))

    visits = targets["kunjungan pendamping"]
    assert (visits.actual, visits.target) == (
        Visit.objects.filter(visited_on__year=2025).count(),
        10,
    )
    assert visits.share == 0.3
    assert visits.expected_share == year_gone_by(2025, date(2025, 11, 1)) == 304 / 365
    assert not visits.on_track
    certified = targets[str(Metric.UMKM_CERTIFIED.label)]
    # A real certificate, not the Dinas's training certificate; the revoked one does not count.
    assert certified.actual == 1
    assert len(targets) == 2


def test_a_narrower_view_links_to_the_year_where_the_targets_are(client_as, office):
    Target.objects.create(year=2025, metric=Metric.UMKM_NEW, value=2)
    kecamatan = office.kelurahan[1].kecamatan
    client = client_as(Role.PIMPINAN)
    url = reverse("dashboard:area", kwargs={"area": "registri"})

    narrow = client.get(url, {"tahun": "2025", "kecamatan": kecamatan.pk, "dari": 6, "sampai": 6})

    page = narrow.context["page"]
    assert page.targets == []
    assert page.targets_url == f"{url}?tahun=2025&dari=1&sampai=11"
    assert 'data-testid="targets-link"' in narrow.content.decode()
    progress = _targets(client, "registri")["usaha baru terdaftar"]
    assert progress.actual == UMKM.objects.filter(created_at__year=2025).count()
    assert progress.on_track and progress.share > 1


def test_an_area_page_shows_only_its_own_targets(client_as, office):
    Target.objects.create(year=2025, metric=Metric.VISITS, value=10)
    Target.objects.create(year=2025, metric=Metric.LOANS_DISBURSED, value=10)

    assert list(_targets(client_as(Role.PIMPINAN), "pinjaman")) == ["pinjaman dicairkan (jumlah)"]


def test_coverage_has_no_pace_only_the_target(client_as, office):
    Target.objects.create(year=2025, metric=Metric.KELURAHAN_COVERED, value=1)

    coverage = _targets(client_as(Role.PIMPINAN))["kelurahan dengan kedua jenis pendamping"]
    assert coverage.expected_share is None and coverage.on_track


def test_office_staff_set_targets_in_the_admin_and_the_change_is_kept(client_as, make_user, client):
    staff = make_user(Role.STAF_DINAS, is_staff=False)
    client.force_login(staff)
    response = client.post(
        reverse("admin:dashboard_target_add"),
        {"year": 2026, "metric": Metric.VISITS, "value": 30000, "note": "RKT 2026"},
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert target.updated_by == staff
    assert target.history.count() == 1

    duplicate = client.post(
        reverse("admin:dashboard_target_add"), {"year": 2026, "metric": Metric.VISITS, "value": 1}
    )
    assert "sudah punya target" in duplicate.content.decode()


@pytest.mark.parametrize(
    ("role", "answer"),
    [
        # Leadership has no back office: the admin sends them to its login.
        (Role.PIMPINAN, 302),
        # UPT staff, and the Kepala UPT (who keeps products, funds and the collectibility
        # table there), open the back office for lending, but may not add targets.
        (Role.KEPALA_UPT, 403),
        (Role.STAF_UPT, 403),
    ],
)
def test_leadership_reads_targets_but_never_changes_them(client_as, role, answer):
    client = client_as(role, is_staff=False)
    response = client.post(
        reverse("admin:dashboard_target_add"), {"year": 2026, "metric": Metric.VISITS, "value": 5}
    )
    assert response.status_code == answer
    if answer == 302:
        assert response["Location"].startswith(reverse("admin:login"))
    assert not Target.objects.exists()


def test_the_year_gone_by():
    assert year_gone_by(2024, date(2025, 3, 1)) == 1.0
    assert year_gone_by(2026, date(2025, 3, 1)) == 0.0
    assert year_gone_by(2025, date(2025, 1, 1)) == 0.0
