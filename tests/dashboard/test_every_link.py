"""Every link of every dashboard page, for a past year, a month range, a period across the end
of a year and a kecamatan, opens a list holding exactly as many rows as the figure or row that
links to it says; also for the two kecamatan of a business that moved from one to the other."""

import uuid
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.figures import Kind
from lending.services import application_submit
from mentoring.services import visit_record
from registry.models import Kelurahan
from registry.services import umkm_correct
from tests.lending.factories import ProductFactory, disbursed_loan, new_business, office_clock_on
from tests.mentoring.factories import MentorFactory, assign
from tests.training.factories import CohortFactory
from training.services import enrollment_create

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
        {"tahun": "2024", "dari": "11", "sampai": "2", "sampai_tahun": "2025"},
    ],
    ids=["past-year", "month-range", "kecamatan", "across-year-end"],
)
def test_every_linked_count_opens_exactly_its_rows(client_as, office, area, query):
    client = client_as(Role.PIMPINAN)
    query = dict(query)
    if query.get("kecamatan") == "first":
        query["kecamatan"] = str(office.kelurahan[0].kecamatan_id)
    url = reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")
    page = client.get(url, query).context["page"]

    for what, count, link in _counted_links(page):
        view = resolve(urlsplit(link).path).view_name
        if view in LISTS:
            assert _rows_behind(client, link) == count, (what, link)
        elif view == "training:report":
            assert _report_total(client, link, what) == count, (what, link)


# The training figures and the report's column of the same rows.
REPORT_COLUMNS = {"participants": "enrolled", "trained": "trained", "certified": "certified"}


def _report_total(client, link: str, what: str) -> int:
    """What the training report the figure links to shows for it: the column's total, or for
    a row of the funnel ("funnel: <track>") that track's enrolled."""
    tracks = client.get(link).context["tracks"]
    if what.startswith("funnel: "):
        return next(t.enrolled for t in tracks if t.label == what.removeprefix("funnel: "))
    return sum(getattr(t, REPORT_COLUMNS[what]) for t in tracks)


def _url(area: str) -> str:
    return reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")


@pytest.fixture
def moved(office, people, today):
    """Two businesses registered in kecamatan A on 3 February 2025: one with a loan disbursed
    there that day, a visit and an enrolment, the other with an application still open. Their
    kelurahan is corrected on 2 June 2025 to one of kecamatan B (registry.services.umkm_correct);
    then the first is visited and enrolled there. Returns (A, B) as kecamatan ids."""
    here = Kelurahan.objects.order_by("-code").first()
    there = Kelurahan.objects.exclude(kecamatan=here.kecamatan).order_by("-code").first()
    mentor = MentorFactory()
    assign(mentor, kecamatan=here.kecamatan)
    assign(mentor, kecamatan=there.kecamatan)
    with office_clock_on(date(2025, 2, 3)):
        umkm = new_business(name="Usaha Pindahan", kelurahan=here)
        disbursed_loan(people, disbursed_on=date(2025, 2, 3), umkm=umkm)
        visit_record(mentor=mentor, umkm=umkm, client_id=uuid.uuid4(),
                     visited_on=date(2025, 2, 3), purpose="pendataan")  # fmt: skip
        enrollment_create(cohort=office.cohort, umkm=umkm, user=people.staff)
        applicant = new_business(name="Pemohon Pindahan", kelurahan=here)
        application_submit(umkm=applicant, product=ProductFactory(), amount=3_000_000,
                           tenor_months=6, purpose="Modal kerja",
                           submitted_by=people.staff)  # fmt: skip
    with office_clock_on(date(2025, 6, 2)):
        for business in (umkm, applicant):
            umkm_correct(umkm=business, changes={"kelurahan": there}, user=people.staff,
                         reason="Kelurahan salah")  # fmt: skip
        visit_record(mentor=mentor, umkm=umkm, client_id=uuid.uuid4(),
                     visited_on=date(2025, 6, 2), purpose="pendampingan")  # fmt: skip
        enrollment_create(
            cohort=CohortFactory(starts_on=date(2025, 9, 1), ends_on=date(2025, 9, 10)),
            umkm=umkm,
            user=people.staff,
        )
    today(date(2025, 11, 1))
    return here.kecamatan_id, there.kecamatan_id


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("side", ["moved-from", "moved-to"])
@pytest.mark.parametrize(
    "query",
    [{"tahun": "2025"}, {"tahun": "2024", "dari": "11", "sampai": "2", "sampai_tahun": "2025"}],
    ids=["year", "across-year-end"],
)
def test_a_business_that_moved_is_counted_by_one_rule_on_both_sides(
    client_as, moved, area, side, query
):
    # The rules, the same for a figure and its list: a business, its registration and its
    # certifications count where it is now; a loan (and an application that became one)
    # where the loan was made (Loan.kelurahan), an application without a loan where its
    # business is now (lending.selectors.application_in_kecamatan).
    client = client_as(Role.PIMPINAN)
    kecamatan = moved[0] if side == "moved-from" else moved[1]
    page = client.get(_url(area), {**query, "kecamatan": kecamatan}).context["page"]

    checked = 0
    for what, count, link in _counted_links(page):
        if resolve(urlsplit(link).path).view_name in LISTS:
            assert _rows_behind(client, link) == count, (what, link)
            checked += 1
    assert checked or area in ("pendampingan", "pelatihan")


def test_the_moved_businesses_count_where_the_rules_put_them(client_as, moved):
    here, there = moved
    client = client_as(Role.PIMPINAN)

    def figure(area, kecamatan, key):
        page = client.get(_url(area), {"tahun": "2025", "kecamatan": kecamatan}).context["page"]
        return page.figure(key).value

    # The loan stays where it was made; the businesses and the open application moved.
    assert (
        figure("pinjaman", here, "disbursed-count"),
        figure("pinjaman", there, "disbursed-count"),
    ) == (1, 0)
    assert figure("pinjaman", there, "waiting") - figure("pinjaman", here, "waiting") >= 1
    assert figure("registri", there, "new") >= 2
    # Visits and participants count where the business is now, the visit made before too.
    assert figure("pendampingan", there, "visits") >= 2
    assert figure("pelatihan", there, "participants") >= 1
