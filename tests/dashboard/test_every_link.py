"""Every link of every dashboard page, for a past year, a month range and a kecamatan, opens
a list holding exactly as many rows as the figure or row that links to it says."""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.figures import Kind

pytestmark = pytest.mark.django_db

LISTS = ("registry:index", "lending:applications", "lending:arrears")
AREAS = ["", "registri", "pinjaman", "pendampingan", "pelatihan"]


def _rows_behind(client, link: str) -> int:
    response = client.get(link)
    assert response.status_code == 200, link
    if "filter" in response.context:
        return response.context["filter"].qs.count()
    return response.context["page_obj"].paginator.count


def _counted_links(page):
    """(what, count, link) of every count on the page that links to a list of rows."""
    for figure in page.figures:
        if figure.link and figure.kind is Kind.COUNT:
            yield figure.key, figure.value, figure.link
    for breakdown in page.breakdowns:
        for row in breakdown.rows:
            if row.link and breakdown.columns[0].kind is Kind.COUNT:
                yield f"{breakdown.key}: {row.label}", row.values[0], row.link


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize(
    "query",
    [
        {"tahun": "2024"},  # a year that has ended
        {"tahun": "2025", "dari": "3", "sampai": "10"},  # a month range
        {"tahun": "2025", "kecamatan": "first"},  # one kecamatan
    ],
    ids=["past-year", "month-range", "kecamatan"],
)
def test_every_linked_count_opens_exactly_its_rows(client_as, office, area, query):
    client = client_as(Role.PIMPINAN)
    query = dict(query)
    if query.get("kecamatan") == "first":
        query["kecamatan"] = str(office.kelurahan[0].kecamatan_id)
    url = reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")
    page = client.get(url, query).context["page"]

    for what, count, link in _counted_links(page):
        if resolve(urlsplit(link).path).view_name in LISTS:
            assert _rows_behind(client, link) == count, (what, link)
