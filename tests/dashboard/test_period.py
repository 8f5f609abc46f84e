"""The dashboards' period from the URL: whole months that may cross the end of a year, old
links that keep their meaning, and what the page says when it cannot show what was asked."""

from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.models import Metric, Target
from cilegon_umkm.dashboard.period import MAX_MONTHS, Period
from cilegon_umkm.kernel.periods import YearMonth

TODAY = date(2025, 11, 1)


def _period(**query) -> Period:
    with translation.override("en"):
        return Period.from_query({k: str(v) for k, v in query.items()}, TODAY)


def test_it_reads_a_period_across_the_end_of_a_year():
    period = _period(tahun=2025, dari=11, sampai=2, sampai_tahun=2026)

    assert (period.first, period.last, period.notes) == ((2025, 11), (2026, 2), ())
    assert period.months == ((2025, 11), (2025, 12), (2026, 1), (2026, 2))
    assert (period.start, period.end) == (date(2025, 11, 1), date(2026, 2, 28))
    assert period.crosses_year and period.fiscal_year == 2026
    assert period.query_string() == "tahun=2025&dari=11&sampai=2&sampai_tahun=2026"


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ({}, (2025, 1), (2025, 11)),  # this year, to this month
        ({"tahun": 2024}, (2024, 1), (2024, 12)),
        ({"tahun": 2025, "dari": 3, "sampai": 10}, (2025, 3), (2025, 10)),
        ({"tahun": 2025, "dari": 3, "sampai": 10, "sampai_tahun": 2025}, (2025, 3), (2025, 10)),
        ({"tahun": 2024, "dari": 11, "sampai_tahun": 2025}, (2024, 11), (2025, 11)),
        ({"tahun": 2025, "dari": 11, "sampai_tahun": 2026}, (2025, 11), (2026, 12)),
    ],
)
def test_links_written_before_a_period_could_cross_a_year_mean_what_they_meant(query, first, last):
    period = _period(**query)
    assert (period.first, period.last, period.notes) == (first, last, ())
    assert period.fiscal_year == last[0]


@pytest.mark.parametrize(
    ("query", "said", "shown"),
    [
        ({"tahun": 2025, "dari": 12, "sampai": 1}, "earlier month", "January to December 2025"),
        (
            {"tahun": 2026, "dari": 2, "sampai": 11, "sampai_tahun": 2025},
            "earlier month",
            "November 2025 to February 2026",
        ),
        ({"tahun": 1999}, "“1999” is not a valid year", "January to November 2025"),
        ({"tahun": 2101}, "“2101” is not a valid year", "January to November 2025"),
        ({"tahun": "abc", "dari": 2}, "“abc”", "February to November 2025"),
        (
            {"tahun": 2025, "dari": "²"},
            "“²” is not a valid first month",
            "January to November 2025",
        ),
        (
            {"tahun": 2025, "sampai": 13},
            "“13” is not a valid last month",
            "January to November 2025",
        ),
        (
            {"tahun": 2024, "dari": 11, "sampai": 2, "sampai_tahun": "abc"},
            "“abc” is not a valid year of the last month",
            "February to November 2024",
        ),
        (
            {"tahun": 2020, "sampai": 12, "sampai_tahun": 2025},
            f"at most {MAX_MONTHS} months",
            "January 2024 to December 2025",
        ),
    ],
)
def test_a_period_it_cannot_show_is_replaced_and_it_says_what_is_shown(query, said, shown):
    period = _period(**query)

    notes = " ".join(period.notes)
    assert said in notes
    assert f"Shown instead: {shown}." in notes
    assert period.first <= period.last and len(period.months) <= MAX_MONTHS


@pytest.mark.parametrize(
    "period",
    [
        Period.within(2025),
        Period.within(2024, 3, 10, kecamatan_id=7),
        Period(YearMonth(2025, 11), YearMonth(2026, 2)),
        Period(YearMonth(2024, 12), YearMonth(2025, 1), kecamatan_id=3),
        Period(YearMonth(2024, 1), YearMonth(2025, 12)),
    ],
    ids=str,
)
def test_its_query_string_reads_back_as_the_same_period(period):
    again = Period.from_query(QueryDict(period.query_string()), TODAY)
    assert again == period and again.notes == ()


def test_different_periods_have_different_cache_keys_and_one_period_one_key():
    periods = [
        Period.within(2025, 1, 2),
        Period.within(2026, 1, 2),
        Period(YearMonth(2025, 11), YearMonth(2026, 2)),
        Period(YearMonth(2024, 11), YearMonth(2025, 2)),
        Period(YearMonth(2025, 11), YearMonth(2027, 2)),
        Period(YearMonth(2025, 11), YearMonth(2026, 2), kecamatan_id=1),
    ]
    assert len({p.cache_key() for p in periods}) == len(periods)
    # Written two ways, the same months are one period, computed and cached once.
    old = _period(tahun=2025, dari=3, sampai=10)
    new = _period(tahun=2025, dari=3, sampai=10, sampai_tahun=2025)
    assert old == new and old.cache_key() == new.cache_key()


def test_a_month_follows_december_into_the_next_year():
    assert YearMonth(2025, 12).next() == (2026, 1)
    assert YearMonth(2026, 2).minus(3) == (2025, 11)
    assert YearMonth(2024, 2).last_day == date(2024, 2, 29)


@pytest.mark.django_db
def test_a_page_across_a_year_end_labels_its_months_and_names_its_fiscal_year(client_as, office):
    Target.objects.create(year=2025, metric=Metric.TRAINING_PARTICIPANTS, value=10)
    client = client_as(Role.PIMPINAN)
    query = {"tahun": "2024", "dari": "11", "sampai": "2", "sampai_tahun": "2025"}

    response = client.get(reverse("dashboard:area", kwargs={"area": "pelatihan"}), query)

    html = response.content.decode()
    trend = next(b for b in response.context["page"].breakdowns if b.key == "spent-per-month")
    assert [row.label for row in trend.rows] == ["Nov 2024", "Des 2024", "Jan 2025", "Feb 2025"]
    assert 'data-testid="fiscal-year"' in html
    assert response.context["page"].figure("participants").value == 3  # the cohort of 2025
    assert 'name="sampai_tahun"' in html and 'value="2025"' in html
    assert response.context["page"].targets_url.endswith("?tahun=2025&dari=1&sampai=11")


@pytest.mark.parametrize("given", ["abc", "²", "9" * 40, "-1"])
def test_a_kecamatan_it_cannot_read_is_said_and_the_city_shown(given):
    period = _period(tahun=2025, kecamatan=given)

    assert period.kecamatan_id is None
    assert period.notes and "whole city" in period.notes[-1]


def test_a_kecamatan_that_does_not_exist_shows_the_city_and_says_so(client_as, office):
    response = client_as(Role.PIMPINAN).get(reverse("dashboard:index"), {"kecamatan": "99999"})

    assert response.context["period"].kecamatan_id is None
    assert 'data-testid="period-notes"' in response.content.decode()
    assert "99999" in response.content.decode()
