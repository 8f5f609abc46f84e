"""The coverage page (mentoring:index), beyond test_coverage_page.py: assignment dates,
the kecamatan filter, the export's rows, the mentor table, and queries that stay constant
however many mentors there are."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role
from mentoring.models import MentorKind
from mentoring.selectors import coverage
from registry.models import Kelurahan
from tests.lending.factories import new_business

from .factories import MentorFactory, assign

pytestmark = pytest.mark.django_db

JUNE_1 = date(2025, 6, 1)


def _rows(result):
    return {row.kelurahan: row for row in result.kelurahan}


def test_it_counts_only_assignments_in_force_that_day(areas):
    a, b, _ = areas
    future = MentorFactory()
    assign(future, kelurahan=a, starts_on=date(2025, 6, 2))
    last_day = MentorFactory()
    assign(last_day, kelurahan=b, ends_on=JUNE_1)

    rows = _rows(coverage(JUNE_1))

    assert rows[a].pdb == []
    assert rows[b].pdb == [last_day]


def test_it_sums_a_kecamatan_wide_mentors_businesses(areas):
    a, b, a_neighbour = areas
    mentor = MentorFactory(kind=MentorKind.EKONOMI)
    assign(mentor, kecamatan=a.kecamatan)
    new_business(kelurahan=a)
    new_business(kelurahan=a_neighbour)
    new_business(kelurahan=b)  # another kecamatan

    (row,) = coverage(JUNE_1).mentors

    assert row.mentor == mentor
    assert row.areas == [f"Kec. {a.kecamatan.name}"]
    assert row.businesses == 2


def test_it_counts_an_area_once_when_assignments_overlap(areas):
    a, _, _ = areas
    mentor = MentorFactory(kind=MentorKind.EKONOMI)
    assign(mentor, kecamatan=a.kecamatan)
    assign(mentor, kelurahan=a)
    new_business(kelurahan=a)

    result = coverage(JUNE_1)

    assert _rows(result)[a].ekonomi == [mentor]
    assert result.mentors[0].businesses == 1


def test_it_filters_by_kecamatan(client_as, areas, today):
    today(JUNE_1)
    a, b, _ = areas
    client = client_as(Role.STAF_DINAS)

    response = client.get(reverse("mentoring:index"), {"kecamatan": a.kecamatan_id})

    listed = [row.kelurahan for row in response.context["coverage"].kelurahan]
    assert set(listed) == set(Kelurahan.objects.filter(kecamatan=a.kecamatan_id))
    assert b not in listed
    assert response.context["coverage"].without_pdb == len(listed)


def test_it_lists_nothing_for_a_kecamatan_that_is_not_a_number(client_as, areas, today):
    """Not the whole city, as it once did: the filter asked for is not silently dropped."""
    today(JUNE_1)

    response = client_as(Role.STAF_DINAS).get(reverse("mentoring:index"), {"kecamatan": "x'"})

    assert response.status_code == 200
    assert response.context["coverage"].kelurahan == []
    assert 'data-testid="filter-errors"' in response.content.decode()
    assert Kelurahan.objects.count() == 43


def test_it_shows_the_gap_counts_and_badges(client_as, areas, mentor_a, today):
    today(JUNE_1)

    html = client_as(Role.PIMPINAN).get(reverse("mentoring:index")).content.decode()

    assert 'data-testid="gaps-pdb">42<' in html
    assert 'data-testid="gaps-ekonomi">43<' in html
    assert html.count('data-testid="gap"') == 42 + 43


def test_it_refuses_a_pendamping_ekonomi(client_as):
    response = client_as(Role.PENDAMPING_EKONOMI).get(reverse("mentoring:index"))

    assert response.status_code == 403


def test_it_exports_a_row_per_kelurahan(client_as, areas, mentor_a, today):
    today(JUNE_1)
    a, _, _ = areas
    new_business(kelurahan=a)

    response = client_as(Role.STAF_DINAS).get(
        reverse("mentoring:index"), {"kecamatan": a.kecamatan_id, "format": "xlsx"}
    )

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert len(rows) == 1 + Kelurahan.objects.filter(kecamatan=a.kecamatan_id).count()
    assert (a.kecamatan.name, a.name, 1, None, mentor_a.user.display_name) in rows


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("mentoring:index")).status_code == 200
    return len(queries)


def test_it_keeps_the_queries_constant(client_as, areas, today, django_assert_max_num_queries):
    today(JUNE_1)
    client = client_as(Role.STAF_DINAS)
    assign(MentorFactory(), kelurahan=areas[0])
    few = _queries(client)
    kelurahan = list(Kelurahan.objects.all())
    for n in range(30):
        mentor = MentorFactory(kind=MentorKind.EKONOMI if n % 2 else MentorKind.PDB)
        assign(mentor, kelurahan=kelurahan[n])
        assign(mentor, kecamatan=kelurahan[n + 1].kecamatan)

    with django_assert_max_num_queries(10):
        many = _queries(client)

    assert many == few
