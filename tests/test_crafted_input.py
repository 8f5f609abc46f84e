"""Nothing a visitor types gives a server error, and no filter is silently dropped.

The walk: every page of the URLconf that answers GET, as every role that may open it (the
table of tests/permission_table.py, the office of tests/test_permission_matrix.py), gets
crafted values in each query parameter it reads: a NUL byte, superscript, Arabic-Indic and
full-width digits, huge and negative numbers, far and malformed dates, a 5,000-character
string. Object pages also get ids no database holds, and the public certificate page
crafted codes. No answer may be a 500 (exports are read to the end: they are streamed).

A filter given a value it cannot read (not a date, not a kecamatan, a NUL in the search)
does not list or export everything. The choice, the same on every list of a FilterSet:
the list treats the bad value as "matches nothing" and its form says what is wrong with
the field (django-filter's strict FilterView); an export refuses with a message and sends
back to the list, rather than writing an empty file that looks like a result.

Pages that read their numbers themselves (kernel.query.QueryNumbers: ?kecamatan= of the
portfolio, the arrears, the collection sheet, the mentoring overview, and the arrears'
?kelurahan=, ?kolektibilitas=, ?tunggakan_lebih_dari=) do the same: nothing listed, an alert
naming the value (includes/filter_errors.html), an export refused. An id that no row has
is a number all the same: an empty list without an alert. The dashboards' period instead
shows a period and notes what it could not read (cilegon_umkm/dashboard/period.py).
"""

import csv
import io
import logging

import pytest
from django.contrib.messages import get_messages
from django.urls import resolve, reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.kernel.query import whole_number
from lending.filters import ApplicationFilter
from registry.filters import UMKMFilter
from training.filters import SupplierFilter

from .permission_table import ADMIN_PREFIX, TABLE
from .test_login_required import PUBLIC
from .test_permission_matrix import OBJECT_OF, Office, user_of
from .test_permission_matrix import office as office  # the fixture
from .urlwalk import walk_urls

pytestmark = pytest.mark.django_db

HUGE = str(10**30)
LONG = "x" * 5000
CRAFTED = [
    "\x00",
    "a\x00b",
    "\u00b2",  # ²: str.isdigit() says yes, int() says no
    "\u0663",  # Arabic-Indic 3
    "\uff11\uff12",  # full-width 12
    HUGE,
    "-1",
    "-" + HUGE,
    "0",
    "1.5",
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "31/12/2025",
    "abc",
    LONG,
]
# The query parameters every list shares (kernel.query) and the spreadsheet switch.
COMMON = ("cari", "halaman", "per_halaman", "urut", "format")

# What each page reads besides COMMON (request.GET in its view, or its FilterSet).
_PERIOD = ("tahun", "dari", "sampai", "kecamatan")
PARAMS: dict[str, tuple[str, ...]] = {
    "registry:index": tuple(UMKMFilter.base_filters),
    "registry:umkm-export": tuple(UMKMFilter.base_filters),
    "lending:applications": tuple(ApplicationFilter.base_filters),
    "lending:portfolio": ("kecamatan",),
    "lending:arrears": ("kecamatan", "kelurahan", "kolektibilitas", "tunggakan_lebih_dari"),
    "lending:collection-sheet": ("bulan", "kecamatan", "kelurahan"),
    "mentoring:index": ("kecamatan",),
    "mentoring:activity-report": ("bulan", "jenis"),
    "mentoring:collection-sheets": ("bulan",),
    "mentoring:collection-sheet": ("bulan",),
    "training:budget": ("tahun",),
    "training:report": ("tahun",),
    "training:directory": tuple(SupplierFilter.base_filters),
    "dashboard:index": _PERIOD,
    "dashboard:area": _PERIOD,
    "dashboard:export": _PERIOD,
}

WALKED, _UNNAMED = walk_urls()
GET_PAGES = [
    url
    for url in WALKED
    if not url.name.startswith(ADMIN_PREFIX)
    and url.name in TABLE
    and not TABLE[url.name].post_only
    and url.name != "logout"
]


@pytest.fixture(autouse=True)
def _quiet(caplog):
    """Hundreds of refusals (404 for a missing id) would be logged with a traceback."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def _status(client, path: str, query: dict | None = None) -> str:
    """The answer's status, the body read to its end; an exception counts as a 500."""
    try:
        response = client.get(path, query or {})
        if response.streaming:
            b"".join(response.streaming_content)
    except Exception as error:  # any exception is the server error looked for
        return f"500 ({type(error).__name__}: {str(error)[:80]})"
    return str(response.status_code)


def _label(value: str) -> str:
    return repr(value if len(value) < 40 else value[:10] + f"...({len(value)} chars)")


def _tries(url, role: Role) -> list[dict[str, str]]:
    """Each parameter alone with each value, as the first role that may open the page (one
    bad value must not hide another behind an invalid form); the other roles, whose pages
    differ in what they show rather than in how they read the query, each value in every
    parameter at once."""
    params = PARAMS.get(url.name, ())
    if role == _readers(url.name)[0]:
        alone = [{name: value} for name in params for value in CRAFTED]
        return alone + [dict.fromkeys(COMMON, value) for value in CRAFTED]
    return [dict.fromkeys((*params, *COMMON), value) for value in CRAFTED]


def _server_errors(client, office: Office, user, role: Role, urls) -> list[str]:
    client.force_login(user)
    errors = []
    for url in urls:
        path = office.path(url, user)
        tries = _tries(url, role)
        for query in tries:
            status = _status(client, path, query)
            if status.startswith("500"):
                shown = {name: _label(value) for name, value in query.items()}
                errors.append(f"{url.name} {path} {shown}: {status}")
    return errors


def _readers(name: str) -> list[Role]:
    if name in PUBLIC:
        return [Role.STAF_DINAS]
    return sorted(TABLE[name].readers, key=list(Role).index)


@pytest.mark.slow
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.name)
def test_no_crafted_query_parameter_gives_a_server_error(client, make_user, office, role):
    user = user_of(role, office, make_user)
    urls = [url for url in GET_PAGES if role in _readers(url.name)]

    errors = _server_errors(client, office, user, role, urls)

    assert errors == [], "\n".join(errors)


def test_every_filterset_field_is_tried():
    """A filter added to a FilterSet is in the walk without anyone remembering."""
    assert set(PARAMS) <= {url.name for url in GET_PAGES}
    for filterset, pages in [
        (UMKMFilter, ["registry:index", "registry:umkm-export"]),
        (ApplicationFilter, ["lending:applications"]),
        (SupplierFilter, ["training:directory"]),
    ]:
        for name in pages:
            assert set(filterset.base_filters) <= set(PARAMS[name]) | set(COMMON), name


# --- path segments ------------------------------------------------------------------------

CRAFTED_IDS = [HUGE, "9" * 19, "0", "2147483648"]


def test_no_crafted_id_in_a_path_gives_a_server_error(client, make_user, office):
    """Ids too big for any column, as the Admin role (who may open every object page)."""
    user = make_user(Role.ADMIN)
    client.force_login(user)
    errors = []
    for url in GET_PAGES:
        if url.name not in OBJECT_OF:
            continue
        kwargs = resolve(url.path).kwargs
        for value in CRAFTED_IDS:
            ids = {k: value if isinstance(v, int) else v for k, v in kwargs.items()}
            path = reverse(url.name, kwargs=ids)
            status = _status(client, path)
            if status.startswith("500"):
                errors.append(f"{path}: {status}")

    assert errors == []


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "staff"])
def test_a_crafted_certificate_code_is_not_found(client, make_user, office, logged_in):
    if logged_in:
        client.force_login(make_user(Role.STAF_DINAS))
    codes = ["%00", "a%00b", "%C2%B2", "x" * 5000, "%EF%BC%91", "..%2F..", "%27%3B--"]

    answers = {code[:20]: _status(client, f"/verifikasi/{code}/") for code in codes}

    assert answers == {code[:20]: "404" for code in codes}


# --- a bad filter value matches nothing; an export refuses it ------------------------------

# Values no filter of these pages can read as what it asks for.
UNREADABLE = ["\x00", "a\x00b", "\u00b2", "abc", HUGE, LONG]


def _registry_count(client, query) -> int:
    response = client.get(reverse("registry:index"), query)
    assert response.status_code == 200
    return response.context["table"].paginator.count


def test_a_bad_registry_filter_value_lists_nothing_and_says_why(client_as, office):
    client = client_as(Role.STAF_DINAS)
    everything = _registry_count(client, {})
    assert everything > 1

    counts = {
        (name, _label(value)): _registry_count(client, {name: value})
        for name in UMKMFilter.base_filters
        for value in UNREADABLE
    }

    assert {key: n for key, n in counts.items() if n == everything} == {}
    # The page says what is wrong, field by field: here a date and the search.
    response = client.get(reverse("registry:index"), {"terdaftar_sampai": "abc", "cari": "\x00"})
    assert set(response.context["filter"].form.errors) == {"terdaftar_sampai", "cari"}
    assert response.content.decode().count('data-testid="filter-errors"') == 1


def _export_rows(response) -> int:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return len(list(csv.reader(io.StringIO(body)))) - 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_registry_filter_value_is_refused_by_the_export(client_as, office, fmt):
    """Once `?cari=%00` exported the whole registry: the filter was dropped."""
    client = client_as(Role.STAF_DINAS)
    url = reverse("registry:umkm-export", args=[fmt])

    # A search for "abc" or "²" is a search; a NUL is not something a person typed.
    bad = [("cari", "\x00"), ("cari", "a\x00b")] + [
        (name, value)
        for name in ("terdaftar_sampai", "kecamatan", "sektor", "verifikasi")
        for value in ("\x00", "\u00b2", "abc")
    ]
    for name, value in bad:
        response = client.get(url, {name: value})
        assert response.status_code == 302, (name, value)
        assert response.url.startswith(reverse("registry:index") + "?"), (name, value)
        # One message (repeated: the redirects are not followed), an error.
        messages = {(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)}
        assert [level for level, _text in messages] == ["error"], (name, value, messages)


def test_the_export_still_follows_a_good_filter_and_far_dates(client_as, office):
    client = client_as(Role.STAF_DINAS)
    url = reverse("registry:umkm-export", args=["csv"])
    everything = _export_rows(client.get(url))

    until_the_end = _export_rows(client.get(url, {"terdaftar_sampai": "9999-12-31"}))
    from_the_start = _export_rows(client.get(url, {"terdaftar_dari": "0001-01-01"}))
    before_the_start = _export_rows(client.get(url, {"terdaftar_sampai": "0001-01-01"}))
    after_the_end = _export_rows(client.get(url, {"terdaftar_dari": "9999-12-31"}))
    one = _export_rows(client.get(url, {"cari": office.umkm.name}))

    assert everything > 1
    assert until_the_end == from_the_start == everything
    assert before_the_start == after_the_end == 0
    assert 1 <= one < everything


def test_a_bad_application_filter_value_lists_nothing(client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:applications")
    everything = client.get(url).context["table"].paginator.count
    assert everything > 0

    counts = {
        (name, _label(value)): client.get(url, {name: value}).context["table"].paginator.count
        for name in ApplicationFilter.base_filters
        for value in UNREADABLE
    }

    assert {key: n for key, n in counts.items() if n == everything} == {}


def test_a_bad_directory_filter_value_lists_nothing_and_its_export_refuses(client_as, office):
    client = client_as(Role.MITRA_INDUSTRI)
    url = reverse("training:directory")
    everything = client.get(url).context["page_obj"].paginator.count
    assert everything > 0

    for name in SupplierFilter.base_filters:
        for value in UNREADABLE:
            listed = client.get(url, {name: value})
            exported = client.get(url, {name: value, "format": "xlsx"})
            assert listed.context["page_obj"].paginator.count == 0, (name, value)
            assert 'data-testid="filter-errors"' in listed.content.decode(), (name, value)
            assert exported.status_code == 302, (name, value)
            assert exported.url.startswith(url + "?"), (name, value)
            assert "format" not in exported.url, (name, value)


# --- a number the page reads itself: nothing listed, an alert, no export -------------------

# How many rows each page shows, and a query under which it shows some: the area of the
# office's loan (a collection sheet shows nothing until an area is chosen).
_ROWS = {
    "lending:portfolio": lambda context: context["totals"]["count"],
    "lending:arrears": lambda context: context["page_obj"].paginator.count,
    "lending:collection-sheet": lambda context: (
        len(context["sheet"].rows) if context["sheet"] else 0
    ),
    "mentoring:index": lambda context: len(context["coverage"].kelurahan),
}
# The bounds each page gives its numbers (lending/views/portfolio.py): a crafted value
# within them ("0" days late) is a good value.
_BOUNDS = {"kolektibilitas": (1, 5), "tunggakan_lebih_dari": (0, 100_000)}


def _readable(name: str, value: str) -> bool:
    low, high = _BOUNDS.get(name, (1, None))
    return whole_number({name: value}, name, low=low, high=high) is not None


@pytest.mark.parametrize("name", list(_ROWS))
def test_a_crafted_number_lists_nothing_says_which_and_is_not_exported(
    client, make_user, office, name
):
    client.force_login(user_of(_readers(name)[0], office, make_user))
    url = reverse(name)
    area = {"kecamatan": str(office.loan.kelurahan.kecamatan_id)}
    base = area if name == "lending:collection-sheet" else {}
    assert _ROWS[name](client.get(url, base).context) > 0

    wrong = []
    for param in (p for p in PARAMS[name] if p != "bulan"):
        for value in CRAFTED:
            if _readable(param, value):
                continue
            query = base | {param: value}
            response = client.get(url, query)
            html = response.content.decode()
            if (
                response.status_code != 200
                or _ROWS[name](response.context) != 0
                or html.count('data-testid="filter-errors"') != 1
            ):
                wrong.append(f"{param}={_label(value)}: listed")
            if name == "lending:collection-sheet":
                continue  # printed, not exported
            exported = client.get(url, query | {"format": "xlsx"})
            if exported.status_code != 302 or "format" in exported.url:
                wrong.append(f"{param}={_label(value)}: exported ({exported.status_code})")

    assert wrong == []
