"""Every linked figure opens the list behind it, and that list holds as many rows as the
figure says: a number on a dashboard can always be checked against its rows."""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.figures import Kind

pytestmark = pytest.mark.django_db


def _rows_behind(client, link: str) -> int:
    response = client.get(link)
    assert response.status_code == 200, link
    if "filter" in response.context:
        return response.context["filter"].qs.count()
    return response.context["page_obj"].paginator.count  # the arrears list


def _page(client, area, year="2025"):
    url = reverse("dashboard:area", kwargs={"area": area})
    return client.get(url, {"tahun": year}).context["page"]


def _is_filtered_list(link: str) -> bool:
    return resolve(urlsplit(link).path).view_name in (
        "registry:index",
        "lending:applications",
        "lending:arrears",
    )


@pytest.mark.parametrize("year", ["2025", "2024"])  # this year, and one that has ended
@pytest.mark.parametrize("area", ["registri", "pinjaman"])
def test_each_linked_figure_matches_the_rows_of_its_list(client_as, office, area, year):
    client = client_as(Role.PIMPINAN)
    page = _page(client, area, year)
    checked = 0
    for figure in page.figures:
        if figure.link and _is_filtered_list(figure.link) and figure.kind is Kind.COUNT:
            assert _rows_behind(client, figure.link) == figure.value, figure.key
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("year", ["2025", "2024"])
@pytest.mark.parametrize(
    ("area", "key"),
    [
        ("registri", "by-size"),
        ("registri", "by-sector"),
        ("registri", "by-source"),
        ("registri", "per-kecamatan"),
        ("pinjaman", "applications"),
        ("pinjaman", "collectibility"),
    ],
)
def test_each_row_of_a_breakdown_opens_its_rows(client_as, office, area, key, year):
    client = client_as(Role.PIMPINAN)
    breakdown = next(b for b in _page(client, area, year).breakdowns if b.key == key)
    linked = [row for row in breakdown.rows if row.link]
    assert linked or year == "2024"  # no application was made in 2024
    for row in linked:
        assert _rows_behind(client, row.link) == row.values[0], row.label


def test_the_waiting_figure_is_the_submitted_and_surveyed_applications(client_as, office):
    client = client_as(Role.PIMPINAN)
    page = _page(client, "pinjaman")
    waiting = page.figure("waiting")
    total = sum(
        _rows_behind(client, f"{waiting.link}&status={state}") for state in ("diajukan", "disurvei")
    )
    # Its own link opens exactly those rows (it once opened every application of the period).
    assert _rows_behind(client, waiting.link) == total == waiting.value


def test_a_kecamatan_row_of_the_comparison_opens_the_dashboard_of_that_kecamatan(client_as, office):
    client = client_as(Role.PIMPINAN)
    overview = client.get(reverse("dashboard:index"), {"tahun": "2025"}).context["page"]
    row = next(b for b in overview.breakdowns if b.key == "comparison").rows[0]
    opened = client.get(row.link)
    assert opened.context["period"].kecamatan_id is not None
    assert opened.context["page"].figure("registered").value == row.values[0]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"tahun": "2025", "dari": "12", "sampai": "1"}, "Januari sampai Desember 2025"),
        ({"tahun": "1999"}, "“1999”"),
        ({"tahun": "abc", "dari": "2"}, "“abc”"),
        ({"tahun": "2025", "dari": "²"}, "“²”"),
    ],
)
def test_a_period_that_cannot_be_shown_is_replaced_and_the_page_says_so(
    client_as, office, query, shown
):
    client = client_as(Role.PIMPINAN)

    response = client.get(reverse("dashboard:area", kwargs={"area": "pinjaman"}), query)

    assert response.status_code == 200
    notes = " ".join(response.context["period"].notes)
    assert shown in notes and "Ditampilkan" in notes


def test_a_valid_period_has_nothing_to_say(client_as, office):
    client = client_as(Role.PIMPINAN)
    response = client.get(
        reverse("dashboard:area", kwargs={"area": "pinjaman"}),
        {"tahun": "2025", "dari": "2", "sampai": "5"},
    )
    assert response.context["period"].notes == ()
    assert 'data-testid="period-notes"' not in response.content.decode()


def test_counts_in_a_figures_note_have_thousands_separators(office):
    from dataclasses import replace

    from cilegon_umkm.dashboard.pages.lending import lending_figures
    from cilegon_umkm.dashboard.period import Period
    from lending.stats import lending_stats

    period = Period.within(2025)
    stats = replace(lending_stats(period), disbursed_count=18288, active_count=18288)

    notes = {figure.key: figure.note for figure in lending_figures(period, stats)}

    assert notes["disbursed"] == "18.288 pinjaman"
    assert notes["outstanding"].startswith("18.288 ")
