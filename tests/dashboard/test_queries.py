"""The dashboards cost a fixed number of queries whatever the amount of data: grouped
queries, never one per business, loan or kecamatan."""

import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.collect import collect
from cilegon_umkm.dashboard.period import Period
from mentoring.models import Mentor, Visit
from tests.lending.factories import disbursed_loan, new_business

pytestmark = pytest.mark.django_db

PAGES = ["", "registri", "pinjaman", "pendampingan", "pelatihan"]


def _queries(client, area):
    cache.clear()  # computed, not served from the five-minute cache
    url = reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"tahun": "2025"}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("area", PAGES)
def test_more_rows_do_not_mean_more_queries(client_as, office, people, area):
    client = client_as(Role.PIMPINAN)
    mentor = Mentor.objects.first()
    before = _queries(client, area)
    for kelurahan in office.kelurahan[5:12]:  # other kecamatan too
        umkm = new_business(kelurahan=kelurahan)
        disbursed_loan(people, umkm=umkm, disbursed_on=date(2025, 3, 3))
        Visit.objects.create(umkm=umkm, mentor=mentor, visited_on=date(2025, 4, 1),
                             purpose="pendataan", client_id=uuid.uuid4())  # fmt: skip
    assert _queries(client, area) == before


def test_the_cache_serves_a_second_request_without_computing(office):
    period = Period.within(2025, 1, 11)
    collect(period)
    with CaptureQueriesContext(connection) as captured:
        _figures, as_of = collect(period)
    assert len(captured) == 0
    assert as_of is not None


@pytest.mark.parametrize("area", PAGES)
def test_more_months_do_not_mean_more_queries(client_as, office, area):
    client = client_as(Role.PIMPINAN)
    url = reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")

    def queries(query):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, query).status_code == 200
        return len(captured)

    one = queries({"tahun": "2025", "dari": "6", "sampai": "6"})
    # Sixteen months across the end of a year: every per-month figure is still one query.
    assert queries({"tahun": "2024", "dari": "8", "sampai": "11", "sampai_tahun": "2025"}) == one
