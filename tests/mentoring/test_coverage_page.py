from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from mentoring.models import MentorKind
from mentoring.selectors import coverage
from registry.models import Kelurahan
from tests.lending.factories import new_business

from .factories import MentorFactory, assign

pytestmark = pytest.mark.django_db


def test_each_kelurahan_with_its_mentors_and_the_gaps(areas, mentor_a, today):
    today(date(2025, 6, 1))
    a, b, a_neighbour = areas
    ekonomi = MentorFactory(kind=MentorKind.EKONOMI)
    assign(ekonomi, kecamatan=a.kecamatan)  # the whole kecamatan
    gone = MentorFactory(kind=MentorKind.EKONOMI)
    assign(gone, kelurahan=b, ends_on=date(2025, 5, 31))  # ended
    idle = MentorFactory(active=False)
    assign(idle, kelurahan=b)  # inactive
    new_business(kelurahan=a)
    new_business(kelurahan=a)

    result = coverage(date(2025, 6, 1))
    rows = {row.kelurahan: row for row in result.kelurahan}

    assert rows[a].pdb == [mentor_a] and rows[a].ekonomi == [ekonomi]
    assert rows[a_neighbour].ekonomi == [ekonomi] and rows[a_neighbour].pdb == []
    assert rows[b].ekonomi == [] and rows[b].pdb == []
    assert rows[a].businesses == 2
    assert result.without_pdb == Kelurahan.objects.count() - 1
    mentors = {row.mentor: row for row in result.mentors}
    assert mentors[mentor_a].businesses == 2 and idle not in mentors and gone not in mentors


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.STAF_DINAS, 200),
        (Role.PIMPINAN, 200),
        (Role.STAF_UPT, 403),
        (Role.PENDAMPING_PDB, 403),
    ],
)
def test_who_opens_the_coverage_page(client_as, role, status):
    assert client_as(role).get(reverse("mentoring:index")).status_code == status


def test_the_page_and_export_in_constant_queries(client_as, areas, django_assert_max_num_queries):
    for kelurahan in areas:
        assign(MentorFactory(), kelurahan=kelurahan)
    client = client_as(Role.STAF_DINAS)

    with django_assert_max_num_queries(12):
        html = client.get(reverse("mentoring:index")).content.decode()
    export = client.get(reverse("mentoring:index"), {"format": "xlsx"})

    assert html.count('data-testid="gap"') > 40  # ekonomi missing everywhere
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
