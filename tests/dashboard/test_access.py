"""Who opens the dashboards: leadership, the UPT head and office staff read every page and
export; mentors and industry buyers none; nothing on them changes data."""

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role

pytestmark = pytest.mark.django_db

AREAS = ["", "registri", "pinjaman", "pendampingan", "pelatihan"]
URLS = [
    reverse(name, kwargs={"area": area} if area else {})
    for area in AREAS
    for name in (
        ("dashboard:area", "dashboard:export") if area else ("dashboard:index", "dashboard:export")
    )
]
READERS = [Role.PIMPINAN, Role.KEPALA_UPT, Role.STAF_DINAS, Role.STAF_UPT, Role.ADMIN]
OUTSIDERS = [Role.PENDAMPING_EKONOMI, Role.PENDAMPING_PDB, Role.MITRA_INDUSTRI]


@pytest.mark.parametrize("role", READERS)
def test_readers_open_every_page_and_export(client_as, role):
    client = client_as(role)
    assert [client.get(url).status_code for url in URLS] == [200] * len(URLS)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_mentors_and_industry_see_none_of_them(client_as, role):
    client = client_as(role)
    assert [client.get(url).status_code for url in URLS] == [403] * len(URLS)


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_nothing_is_posted_to_a_dashboard(client_as):
    client = client_as(Role.PIMPINAN)
    assert {client.post(url).status_code for url in URLS} == {405}


def test_an_unknown_area_is_not_found(client_as):
    response = client_as(Role.PIMPINAN).get(reverse("dashboard:area", kwargs={"area": "gaji"}))
    assert response.status_code == 404


def test_the_navigation_offers_the_dashboards_only_to_readers(client_as):
    assert b'href="/dasbor/"' in client_as(Role.PIMPINAN).get(reverse("home")).content
    assert b'href="/dasbor/"' not in client_as(Role.PENDAMPING_EKONOMI).get(reverse("home")).content
