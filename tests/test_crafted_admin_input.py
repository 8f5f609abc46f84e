"""Nothing typed into the back office's own query parameters gives a server error.

tests/test_crafted_input.py walks the portal's pages; this walks the Django admin's. For every
registered ModelAdmin (django.contrib.admin.site._registry, so a new one is in the walk
without anyone remembering), as the Admin and as Staf Dinas, with a little data in every
table (the office of tests/test_permission_matrix.py and a row where it has none):

- the changelist, with crafted values in each parameter of its list filters (a field
  filter's real lookups, read from its filter spec's expected_parameters(); a
  SimpleListFilter's parameter_name), in the search (`q`), the ordering (`o`), the page
  (`p`) and the date hierarchy (`<field>__year`, `__month`, `__day`);
- the add, change, delete and history pages of one object (and simple_history's page of one
  of its versions) with a crafted `_changelist_filters`;
- the autocomplete endpoint of every autocomplete field, with a crafted `term` and `page`.

No answer may be a 500. The admin answers a lookup it cannot read with a redirect to `?e=1`
("invalid lookup"), and a NUL anywhere in its query string with a 400 (admin_site.py); a
value one of the portal's own list filters cannot read lists nothing rather than
everything (its filter is not dropped).

The Admin tries each parameter alone (one bad value must not hide another behind an
invalid lookup); Staf Dinas, whose lists differ in what they may open rather than in how
they read the query, each value in every parameter at once.
"""

import contextlib
import logging
import warnings
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.models import Metric, Target
from registry.models import UMKM, PersonalDataAccess
from registry.sectors import Sector
from registry.services import sector_word_save

from .test_permission_matrix import office as office  # the fixture

pytestmark = pytest.mark.django_db

HUGE = "9" * 40
LONG = "x" * 5000
CRAFTED = ["\x00", "\u00b2", HUGE, "-1", "9999-12-31", "0001-01-01", LONG, "abc", "1,2"]
ROLES = [Role.ADMIN, Role.STAF_DINAS]
REGISTERED = list(admin.site._registry.items())


def _label(value: str) -> str:
    return repr(value if len(value) < 40 else value[:10] + f"...({len(value)} chars)")


def _shown(query: dict[str, str]) -> dict[str, str]:
    return {name: _label(value) for name, value in query.items()}


@pytest.fixture(autouse=True)
def _quiet():
    """Refusals (403, 404) are logged by django.request with a traceback each."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture
def rows(office):
    """A row in every table the office leaves empty (the log tables, the targets)."""
    now = timezone.now()
    Target.objects.create(year=2025, metric=Metric.values[0], value=10)
    PersonalDataAccess.objects.create(
        user=office.staff, umkm=office.umkm, action=PersonalDataAccess.Action.ADMIN
    )
    seen = {"ip_address": "10.0.0.1", "user_agent": "pytest", "username": "siti"}
    AccessAttempt.objects.create(
        **seen, path_info="/masuk/", failures_since_start=1, attempt_time=now
    )
    AccessLog.objects.create(**seen, path_info="/masuk/", attempt_time=now)
    AccessFailureLog.objects.create(**seen, path_info="/masuk/", attempt_time=now)
    sector_word_save(word="Keripik", sector=Sector.values[0], user=office.staff)
    return office


def _status(client, path: str, query: dict[str, str] | None = None) -> str:
    """The answer's status; an exception counts as the server error looked for.

    A date typed without its time zone into a date-time filter of axes' logs
    (?attempt_time__gte=2025-01-01) reaches the field naive: Django warns and reads it in
    the office's time zone. The suite turns that warning into an error (pyproject.toml);
    here it is ignored (production logs it), so that what it would hide still shows."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message=r".*received a naive datetime", category=RuntimeWarning
            )
            response = client.get(path, query or {})
    except Exception as error:
        return f"500 ({type(error).__name__}: {str(error)[:100]})"
    return str(response.status_code)


def _url(model, page: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)


def _changelist_params(client, model) -> tuple[list[str] | None, str | None]:
    """The lookups of the changelist's filters as this user sees them, and its date
    hierarchy; None when the user may not open the list."""
    response = client.get(_url(model, "changelist"))
    if response.status_code != 200:
        return None, None
    changelist = response.context["cl"]
    params = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    return params, changelist.date_hierarchy


def _date_tries(field: str, value: str) -> list[dict[str, str]]:
    year, month, day = (f"{field}__{part}" for part in ("year", "month", "day"))
    return [
        {year: value},
        {month: value},
        {day: value},
        {year: value, month: value, day: value},
        {year: "2025", month: value},
        {year: "2025", month: "1", day: value},
    ]


# The last year, month and day a date has: the next one, which the hierarchy computes as
# the end of its range, has none.
LAST_DATES = [
    {"__year": "9999"},
    {"__year": "9999", "__month": "12"},
    {"__year": "9999", "__month": "12", "__day": "31"},
]


def _changelist_tries(
    params: list[str], hierarchy: str | None, *, alone: bool
) -> list[dict[str, str]]:
    names = [*params, SEARCH_VAR, ORDER_VAR, PAGE_VAR]
    tries = [dict.fromkeys(names, value) for value in CRAFTED]
    if alone:
        tries += [{name: value} for name in names for value in CRAFTED]
    if hierarchy:
        tries += [t for value in CRAFTED for t in _date_tries(hierarchy, value)]
        tries += [{hierarchy + part: v for part, v in last.items()} for last in LAST_DATES]
    return tries


def _server_errors(client, path: str, tries, opened: set[str] | None = None) -> list[str]:
    """The tries that gave a 500; the path goes into `opened` when one of them was a 200."""
    errors = []
    for query in tries:
        status = _status(client, path, query)
        if status.startswith("500"):
            errors.append(f"{path} {_shown(query)}: {status}")
        elif status == "200" and opened is not None:
            opened.add(path)
    return errors


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.name)
def test_no_crafted_changelist_parameter_gives_a_server_error(client, make_user, rows, role):
    client.force_login(make_user(role))
    errors, closed = [], []
    for model, _model_admin in REGISTERED:
        params, hierarchy = _changelist_params(client, model)
        if params is None:
            closed.append(model._meta.label)
        tries = _changelist_tries(params or [], hierarchy, alone=role == Role.ADMIN)
        errors += _server_errors(client, _url(model, "changelist"), tries)

    assert errors == [], "\n".join(errors)
    # The walk read the lists' own parameters, not only met refusals.
    assert "registry.UMKM" not in closed
    assert closed == [] or role != Role.ADMIN


def _object_pages(model, model_admin) -> list[str]:
    """The add page, and the change, delete and history pages of the table's first row."""
    pages = [_url(model, "add")]
    obj = model_admin.get_queryset(_AnyRequest()).order_by("pk").first()
    if obj is None:
        return pages
    pages += [_url(model, page, obj.pk) for page in ("change", "delete", "history")]
    history = getattr(obj, "history", None)
    version = history.order_by("history_id").first() if history is not None else None
    if version is not None:
        # A history kept, but an admin that is not simple_history's has no such page.
        with contextlib.suppress(NoReverseMatch):
            pages.append(_url(model, "simple_history", obj.pk, version.history_id))
    return pages


class _AnyRequest:
    """get_queryset() of this project's admins reads no request attribute."""

    GET: dict[str, str] = {}


# The preserved filters are only carried from page to page (parsed as a query string into
# the links back to the list), the same code for every model: each page gets them all at
# once, every value alone only on the UMKM's pages.
_PRESERVED = (SEARCH_VAR, ORDER_VAR, PAGE_VAR, "e", "kecamatan", "status__exact")


def _filters_tries(*, alone: bool) -> list[dict[str, str]]:
    everything = "&".join(CRAFTED)
    encoded = urlencode([(name, value) for name in _PRESERVED for value in CRAFTED])
    tries = [{"_changelist_filters": everything}, {"_changelist_filters": encoded}]
    if alone:
        tries += [{"_changelist_filters": value} for value in CRAFTED]
        tries += [
            {"_changelist_filters": urlencode(dict.fromkeys(_PRESERVED, value))}
            for value in CRAFTED
        ]
    return tries


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.name)
def test_no_crafted_changelist_filters_on_an_object_page_give_a_server_error(
    client, make_user, rows, role
):
    client.force_login(make_user(role))
    errors, opened, pages = [], set(), []
    for model, model_admin in REGISTERED:
        tries = _filters_tries(alone=model is UMKM)
        for page in _object_pages(model, model_admin):
            pages.append(page)
            errors += _server_errors(client, page, tries, opened)

    assert errors == [], "\n".join(errors)
    # The Admin may open every change and history page: the walk saw them, not refusals.
    if role == Role.ADMIN:
        seen = [page for page in pages if page.endswith(("/change/", "/history/"))]
        assert [page for page in seen if page not in opened] == []


def test_every_registered_admin_has_a_row_to_open(rows):
    """The object pages above need one row of each table: a new admin needs a row in
    `rows` (or the office)."""
    empty = [
        model._meta.label
        for model, model_admin in REGISTERED
        if not model_admin.get_queryset(_AnyRequest()).exists()
    ]

    assert empty == []


# --- the custom filters ----------------------------------------------------------------


PORTAL_MODULES = ("registry.", "lending.", "mentoring.", "training.", "cilegon_umkm.")


def _custom_filters() -> list[tuple[type, type[SimpleListFilter]]]:
    """The portal's own SimpleListFilters (axes' "locked out" filter ignores what is not
    yes or no: it lists everything, a choice of that library left alone)."""
    return [
        (model, spec)
        for model, model_admin in REGISTERED
        for spec in model_admin.list_filter
        if isinstance(spec, type)
        and issubclass(spec, SimpleListFilter)
        and spec.__module__.startswith(PORTAL_MODULES)
    ]


def test_every_custom_filter_is_in_the_walk(client, make_user, rows):
    """The walk reads the parameters from the changelist: each SimpleListFilter's own
    parameter_name must be among them."""
    client.force_login(make_user(Role.ADMIN))
    missing = [
        (model._meta.label, spec.parameter_name)
        for model, spec in _custom_filters()
        if spec.parameter_name not in (_changelist_params(client, model)[0] or [])
    ]

    assert _custom_filters() != []
    assert missing == []


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.name)
def test_a_value_a_custom_filter_cannot_read_lists_nothing(client, make_user, rows, role):
    """Not everything: a filter given a value it cannot read is not dropped."""
    client.force_login(make_user(role))
    listed_everything = []
    for model, spec in _custom_filters():
        url = _url(model, "changelist")
        everything = client.get(url)
        if everything.status_code != 200:
            continue
        total = everything.context["cl"].result_count
        assert total > 0, model._meta.label
        for value in CRAFTED:
            response = client.get(url, {spec.parameter_name: value})
            if response.status_code == 400:
                assert "\x00" in value, (spec.parameter_name, _label(value))
            elif response.status_code == 302:
                assert response.url.endswith("?e=1"), (spec.parameter_name, _label(value))
            elif response.context["cl"].result_count == total:
                listed_everything.append((model._meta.label, spec.parameter_name, _label(value)))

    assert listed_everything == []


# --- the registry's own search, and the autocompletes -----------------------------------


@pytest.mark.parametrize("term", ["\u00b2", "\u00b2" * 8, LONG, "1,2", "9" * 40, "-1"])
def test_a_crafted_search_in_the_umkm_admin_finds_nothing(client_as, rows, term):
    client = client_as(Role.STAF_DINAS)

    response = client.get(_url(UMKM, "changelist"), {SEARCH_VAR: term})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


@pytest.mark.parametrize("term", ["\x00", "a\x00b", "Katering\x00"])
def test_a_nul_in_the_umkm_admin_search_is_refused(client_as, rows, term):
    """Django's search box would list everything with an error message; the site refuses
    the request before, as it does a NUL in any of the admin's parameters."""
    client = client_as(Role.STAF_DINAS)

    response = client.get(_url(UMKM, "changelist"), {SEARCH_VAR: term})

    assert response.status_code == 400


def _autocomplete_fields() -> list[tuple[str, str, str]]:
    """(app_label, model_name, field_name) of every autocomplete widget, inlines too."""
    found = []
    for model, model_admin in REGISTERED:
        owners = [(model, model_admin)] + [
            (inline.model, inline(model, admin.site)) for inline in model_admin.inlines
        ]
        for owner, owner_admin in owners:
            for field in owner_admin.autocomplete_fields:
                opts = owner._meta
                found.append((opts.app_label, opts.model_name, field))
    return found


def test_every_autocomplete_field_is_found():
    assert ("registry", "umkm", "kelurahan") in _autocomplete_fields()
    assert ("registry", "certification", "umkm") in _autocomplete_fields()


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.name)
def test_no_crafted_autocomplete_term_gives_a_server_error(client, make_user, rows, role):
    client.force_login(make_user(role))
    url = reverse("admin:autocomplete")
    errors = []
    for app_label, model_name, field_name in _autocomplete_fields():
        target = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        tries = [{**target, "term": value} for value in [*CRAFTED, "a\x00b"]]
        tries += [{**target, "term": "a", "page": value} for value in CRAFTED]
        tries += [{**target, name: value} for name in target for value in CRAFTED]
        errors += _server_errors(client, url, tries)

    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("term", ["\x00", "a\x00b"])
def test_a_nul_in_an_autocomplete_term_is_refused(client_as, rows, term):
    """It reached the database as typed: PostgreSQL refuses a NUL in text (a 500)."""
    client = client_as(Role.STAF_DINAS)
    query = {"app_label": "registry", "model_name": "certification", "field_name": "umkm"}

    response = client.get(reverse("admin:autocomplete"), {**query, "term": term})
    found = client.get(reverse("admin:autocomplete"), {**query, "term": "Katering"})

    assert response.status_code == 400
    assert found.status_code == 200
    assert [row["text"] for row in found.json()["results"]] != []


def test_a_year_too_large_for_a_date_is_an_invalid_lookup(client_as, rows):
    client = client_as(Role.ADMIN)
    url = _url(PersonalDataAccess, "changelist")

    for year in ["9999", "9" * 40]:
        response = client.get(url, {"accessed_at__year": year})

        assert response.status_code == 302, year
        assert response.url == url + "?e=1"


@pytest.mark.parametrize("value", ["abc", "\u00b2", "9" * 40, "1,2"])
def test_a_kecamatan_the_umkm_filter_cannot_read_is_an_invalid_lookup(client_as, rows, value):
    client = client_as(Role.STAF_DINAS)
    url = _url(UMKM, "changelist")
    kecamatan = rows.umkm.kelurahan.kecamatan_id

    response = client.get(url, {"kecamatan": value})
    chosen = client.get(url, {"kecamatan": kecamatan})

    assert response.status_code == 302
    assert response.url == url + "?e=1"
    assert rows.umkm in chosen.context["cl"].result_list
