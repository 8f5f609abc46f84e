"""The query parameters lists share, one set across the portal (docs/ARCHITECTURE.md,
"Naming"): cari, halaman, per_halaman, urut. Every table uses them, the shared pagination
keeps the rest of the query, and an old bookmark (?q=, ?page=, ?sort=, ?per_page=) or a
bad value is ignored, never a server error."""

import importlib
import inspect
import re
from datetime import date

import django_tables2 as tables
import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.kernel.query import PAGE, PER_PAGE, SEARCH, SORT
from cilegon_umkm.kernel.tables import MAX_PER_PAGE, PortalTable
from lending.services import application_submit
from registry.filters import UMKMFilter
from registry.models import Kecamatan

from .lending.factories import ProductFactory, new_business
from .mentoring.factories import MentorFactory, assign
from .training.factories import CohortFactory

APPS_WITH_TABLES = ["registry", "lending"]
HUGE = "9" * 30


def _tables_of(app: str) -> list[type[tables.Table]]:
    module = importlib.import_module(f"{app}.tables")
    return [
        cls
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, tables.Table) and cls.__module__ == module.__name__
    ]


@pytest.mark.parametrize("app", APPS_WITH_TABLES)
def test_every_table_asks_in_indonesian(app):
    found = _tables_of(app)

    assert found, f"{app}/tables.py declares no table"
    for table in found:
        assert issubclass(table, PortalTable), table
        # A Meta that does not inherit PortalTable.Meta falls back to django-tables2's names.
        names = (table._meta.page_field, table._meta.per_page_field, table._meta.order_by_field)
        assert names == (PAGE, PER_PAGE, SORT) == ("halaman", "per_halaman", "urut"), table


def test_the_search_box_is_cari():
    assert SEARCH == "cari"


def test_the_shared_pagination_keeps_the_rest_of_the_query():
    request = RequestFactory().get("/daftar/", {"cari": "bu siti", "kecamatan": "3", PAGE: "2"})
    page = Paginator(range(30), 10).page(2)

    html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)

    assert 'href="?cari=bu+siti&amp;kecamatan=3&amp;halaman=1"' in html
    assert 'href="?cari=bu+siti&amp;kecamatan=3&amp;halaman=3"' in html
    assert "page=" not in html.replace("halaman=", "")


# --- old bookmarks and bad values ---------------------------------------------------------

OLD_AND_BAD = [
    {"q": "warung", "page": "2", "sort": "-name", "per_page": "1000"},  # before the renaming
    {SEARCH: "\x00"},
    {SEARCH: "x" * 500},
    {SEARCH: "%_'"},
    {PAGE: "abc"},
    {PAGE: "-1"},
    {PAGE: "0"},
    {PAGE: HUGE},
    {PER_PAGE: "0"},
    {PER_PAGE: "-5"},
    {PER_PAGE: "abc"},
    {PER_PAGE: HUGE},
    {PER_PAGE: str(MAX_PER_PAGE + 1)},
    {SORT: "bogus"},
    {SORT: "-nik"},  # a column that is not sortable
    {SORT: "\x00"},
    # Ids, years and months of the area and period filters: only 0-9 make a number.
    *(
        {name: value}
        for name in ("kecamatan", "kelurahan", "tahun", "dari", "sampai", "bulan")
        for value in ("\u00b2", "\u0663", "-1", "abc", HUGE, "\x00", "1.5")
    ),
]


@pytest.fixture
def lists(db, make_user):
    """A little of everything, so that each list has rows to page and sort."""
    staff_upt = make_user(Role.STAF_UPT)
    product = ProductFactory()
    mentor = MentorFactory()
    for n in range(3):
        umkm = new_business(name=f"Warung Uji {n}")
        assign(mentor, kelurahan=umkm.kelurahan)
        application_submit(
            umkm=umkm, product=product, amount=5_000_000, tenor_months=12,
            purpose="Modal kerja", submitted_by=staff_upt,
        )  # fmt: skip
    cohort = CohortFactory(starts_on=date(2025, 7, 1))
    return {
        Role.STAF_DINAS: make_user(Role.STAF_DINAS),
        Role.STAF_UPT: staff_upt,
        Role.PENDAMPING_PDB: mentor.user,
        Role.MITRA_INDUSTRI: make_user(Role.MITRA_INDUSTRI),
        "cohort": cohort,
    }


LIST_PAGES = [
    (Role.STAF_DINAS, "registry:index", []),
    (Role.STAF_DINAS, "registry:umkm-export", ["csv"]),
    (Role.STAF_DINAS, "registry:duplicates", []),
    (Role.STAF_UPT, "lending:applications", []),
    (Role.STAF_UPT, "lending:application-new", []),
    (Role.STAF_UPT, "lending:repayment-desk", []),
    (Role.STAF_UPT, "lending:arrears", []),
    (Role.STAF_UPT, "lending:collection-sheet", []),
    (Role.STAF_UPT, "lending:fund-detail-default", []),
    (Role.STAF_UPT, "mentoring:referrals", []),
    (Role.STAF_DINAS, "mentoring:review", []),
    (Role.PENDAMPING_PDB, "mentoring:businesses", []),
    (Role.PENDAMPING_PDB, "mentoring:survey-queue", []),
    (Role.PENDAMPING_PDB, "mentoring:arrears", []),
    (Role.MITRA_INDUSTRI, "training:directory", []),
    (Role.STAF_DINAS, "training:cohort-detail", ["cohort"]),
    (Role.STAF_UPT, "lending:portfolio", []),
    (Role.STAF_DINAS, "mentoring:index", []),
    (Role.STAF_DINAS, "mentoring:activity-report", []),
    (Role.STAF_DINAS, "dashboard:index", []),
    (Role.STAF_DINAS, "dashboard:area", ["pinjaman"]),
    (Role.STAF_DINAS, "dashboard:export", []),
    (Role.STAF_DINAS, "training:report", []),
    (Role.STAF_DINAS, "training:budget", []),
]


@pytest.mark.parametrize(("role", "name", "args"), LIST_PAGES)
def test_old_bookmarks_and_bad_values_are_ignored(client, lists, role, name, args):
    client.force_login(lists[role])
    url = reverse(name, args=[lists["cohort"].pk if arg == "cohort" else arg for arg in args])

    plain = client.get(url).status_code  # the budget page sends you to its latest year
    answers = {str(query): client.get(url, query).status_code for query in OLD_AND_BAD}

    assert plain in (200, 302)
    # The registry export refuses a filter value it cannot read, back to the list with a
    # message, rather than export everything (tests/test_crafted_input.py).
    refused = set()
    if name == "registry:umkm-export":
        refused = {str(query) for query in OLD_AND_BAD if not UMKMFilter(query).is_valid()}
    assert answers == {str(q): 302 if str(q) in refused else plain for q in OLD_AND_BAD}


def test_an_old_bookmark_shows_the_list_unfiltered(client, lists):
    client.force_login(lists[Role.STAF_DINAS])

    response = client.get(reverse("registry:index"), {"q": "tidak ada", "page": "2"})

    assert response.context["table"].page.number == 1
    assert response.context["table"].paginator.count == 3


@pytest.mark.parametrize(
    ("role", "name"),
    [
        (Role.STAF_UPT, "lending:portfolio"),
        (Role.STAF_UPT, "lending:arrears"),
        (Role.STAF_DINAS, "mentoring:index"),
    ],
)
def test_the_kecamatan_asked_for_is_the_one_selected(client, lists, role, name):
    kecamatan = Kecamatan.objects.order_by("name")[2]
    client.force_login(lists[role])

    html = client.get(reverse(name), {"kecamatan": kecamatan.pk}).content.decode()

    selected = re.findall(r'<option value="(\d+)"\s+selected', html)
    assert selected == [str(kecamatan.pk)]
