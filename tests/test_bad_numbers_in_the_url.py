"""A number in the URL that a page cannot read (?kecamatan=abc, ?tunggakan_lebih_dari=²)
lists nothing and says which value, and an export of it is refused: once the filter was
dropped and the page showed, or exported, the whole city. The pages that read their numbers
themselves (kernel.query.QueryNumbers): the portfolio, the arrears list, the collection
sheet and the mentoring overview."""

import pytest
from django.contrib.messages import get_messages
from django.http import QueryDict
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.kernel.query import QueryNumbers

from .test_permission_matrix import office as office  # the fixture

pytestmark = pytest.mark.django_db

HUGE = str(10**30)
NOT_NUMBERS = ["abc", "\u00b2", "\u0663", "-1", "0", "1.5", HUGE, "\x00"]


def _alert(response) -> str:
    html = response.content.decode()
    assert html.count('data-testid="filter-errors"') == 1
    return html


def _refused(response, url: str) -> list[str]:
    """The export sent back to its list, without ?format=, with one error message."""
    assert response.status_code == 302
    assert response.url.startswith(url + "?")
    assert "format" not in response.url
    # One message (repeated when the test makes several: the redirects are not followed).
    messages = {(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)}
    assert [level for level, _text in messages] == ["error"]
    return [text for _level, text in messages]


# --- the kernel ---------------------------------------------------------------------------


def test_it_reads_numbers_and_notes_what_it_cannot_read():
    numbers = QueryNumbers(QueryDict("kecamatan=3&kelurahan=&hari=abc&level=2&level=9&level=2"))

    assert numbers.get("kecamatan", "Kecamatan") == 3
    assert numbers.get("kelurahan", "Kelurahan") is None  # the form's "all" choice
    assert numbers.get("missing", "Missing") is None
    assert numbers.valid
    assert numbers.get("hari", "Hari", low=0, high=100) is None
    assert numbers.get_list("level", "Level", low=1, high=5) == [2]
    assert not numbers.valid
    assert [(e.name, e.label) for e in numbers.errors] == [("hari", "Hari"), ("level", "Level")]
    assert "“abc”" in numbers.errors[0].message
    assert "0" in numbers.errors[0].message and "100" in numbers.errors[0].message


def test_it_quotes_a_bad_value_short_and_printable():
    numbers = QueryNumbers(QueryDict(mutable=True))
    numbers._query.update({"a": "x\x00y", "b": "9" * 5000})  # type: ignore[attr-defined]

    numbers.get("a", "A")
    numbers.get("b", "B")

    assert "\x00" not in numbers.errors[0].message
    assert "“x\ufffdy”" in numbers.errors[0].message
    assert len(numbers.errors[1].message) < 100


# --- the portfolio ------------------------------------------------------------------------


def test_the_portfolio_counts_nothing_for_a_kecamatan_it_cannot_read(client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:portfolio")
    assert client.get(url).context["totals"]["count"] >= 1
    kecamatan = office.loan.kelurahan.kecamatan_id
    assert client.get(url, {"kecamatan": kecamatan}).context["totals"]["count"] >= 1

    for value in NOT_NUMBERS:
        response = client.get(url, {"kecamatan": value})
        assert response.status_code == 200
        assert response.context["totals"]["count"] == 0, repr(value)
        assert "Kecamatan" in _alert(response)
    assert client.get(url, {"kecamatan": 999_999}).context["query_errors"] == []


def test_the_portfolio_export_refuses_a_kecamatan_it_cannot_read(client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:portfolio")

    refused = client.get(url, {"kecamatan": "abc", "format": "xlsx"})
    exported = client.get(url, {"format": "xlsx"})

    _refused(refused, url)
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")


# --- the arrears list ---------------------------------------------------------------------

# Each parameter with what it cannot read (an id that no row has is valid: an empty list).
ARREARS_BAD = {
    "kecamatan": NOT_NUMBERS,
    "kelurahan": NOT_NUMBERS,
    "kolektibilitas": [*NOT_NUMBERS, "6"],
    "tunggakan_lebih_dari": [*(v for v in NOT_NUMBERS if v != "0"), "100001"],
}
ARREARS_PARAMS = list(ARREARS_BAD)


def test_the_arrears_list_lists_nothing_for_a_value_it_cannot_read(client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:arrears")
    assert client.get(url).context["page_obj"].paginator.count >= 1

    for name, values in ARREARS_BAD.items():
        for value in values:
            response = client.get(url, {name: value})
            assert response.context["page_obj"].paginator.count == 0, (name, repr(value))
            _alert(response)
            assert [e.name for e in response.context["query_errors"]] == [name]


def test_the_arrears_list_still_follows_good_values(client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:arrears")
    loan = office.loan
    good = [
        {"kecamatan": loan.kelurahan.kecamatan_id},
        {"kelurahan": loan.kelurahan_id},
        {"kolektibilitas": ["1", "2", "3", "4", "5"]},
        {"tunggakan_lebih_dari": "0"},
        {"kecamatan": ""},  # "All kecamatan"
    ]

    for query in good:
        response = client.get(url, query)
        assert response.context["page_obj"].paginator.count >= 1, query
        assert 'data-testid="filter-errors"' not in response.content.decode(), query
    nowhere = client.get(url, {"kecamatan": 999_999})
    assert nowhere.context["page_obj"].paginator.count == 0
    assert nowhere.context["query_errors"] == []


def test_the_arrears_export_refuses_a_value_it_cannot_read(client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:arrears")

    for name in ARREARS_PARAMS:
        _refused(client.get(url, {name: "\u00b2", "format": "xlsx"}), url)
    assert client.get(url, {"format": "xlsx", "kolektibilitas": "3"}).status_code == 200


# --- the collection sheet -----------------------------------------------------------------


def test_the_collection_sheet_prints_no_area_it_cannot_read(client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:collection-sheet")
    kecamatan = office.loan.kelurahan.kecamatan_id
    assert client.get(url, {"kecamatan": kecamatan}).context["sheet"] is not None

    for query in [
        {"kecamatan": "abc"},
        {"kelurahan": HUGE},
        # A good kecamatan with a kelurahan not understood: not the whole kecamatan.
        {"kecamatan": kecamatan, "kelurahan": "\u00b2"},
    ]:
        response = client.get(url, query)
        assert response.context["sheet"] is None, query
        assert response.context["areas"] == [], query
        assert "Choose a kecamatan" not in _alert(response)


# --- the mentoring overview ---------------------------------------------------------------


def test_the_mentor_coverage_lists_nothing_for_a_kecamatan_it_cannot_read(client_as, office):
    client = client_as(Role.STAF_DINAS)
    url = reverse("mentoring:index")
    assert len(client.get(url).context["coverage"].kelurahan) > 1

    for value in NOT_NUMBERS:
        response = client.get(url, {"kecamatan": value})
        assert response.context["coverage"].kelurahan == [], repr(value)
        _alert(response)
    _refused(client.get(url, {"kecamatan": "abc", "format": "xlsx"}), url)
    assert client.get(url, {"format": "xlsx"}).status_code == 200
