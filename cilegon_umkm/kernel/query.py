"""The query parameters every list page shares, in Indonesian like the rest of the URL
(docs/ARCHITECTURE.md, "Naming"), and the reading of the search box.

The names are written here once; templates write the same words (`name="cari"`,
`{% querystring halaman=... %}`) and tests/test_query_parameters.py holds them to these."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.utils.translation import gettext as _

SEARCH = "cari"  # the free-text search box
PAGE = "halaman"  # the page of a list, from 1
PER_PAGE = "per_halaman"  # rows per page of a table
SORT = "urut"  # a table's sort column, "-" first for descending

# Longer than any name, NIK, NIB or loan number a person types into a search box.
SEARCH_MAX_LENGTH = 100


def search_term(request: HttpRequest) -> str:
    """The ?cari= text, stripped; "" when there is none or it is not something a person
    typed: a NUL byte (PostgreSQL refuses it in a query, a server error otherwise) or more
    than SEARCH_MAX_LENGTH characters (only cost to a trigram search)."""
    term = request.GET.get(SEARCH, "").strip()
    if "\x00" in term or len(term) > SEARCH_MAX_LENGTH:
        return ""
    return term


# An id or a year in a URL is never longer than this: more digits are not one of ours.
_NUMBER_MAX_DIGITS = 18


def whole_number(
    query: Mapping[str, str], name: str, *, low: int = 1, high: int | None = None
) -> int | None:
    """?name= as a whole number from low to high, or None when it is missing or is not one
    (never an error; a list page reads its filters through QueryNumbers below, which says
    so rather than drop the filter). Only the digits 0-9 count: str.isdigit() also takes
    "²" and other digits that int() then refuses."""
    value = query.get(name, "") or ""
    if not (value.isascii() and value.isdigit()) or len(value) > _NUMBER_MAX_DIGITS:
        return None
    number = int(value)
    if number < low or (high is not None and number > high):
        return None
    return number


@dataclass(frozen=True)
class QueryError:
    """A query parameter a page could not read, in words for the alert above its list
    (includes/filter_errors.html, beside a FilterSet's errors)."""

    name: str
    label: str
    message: str


def _shown(value: str) -> str:
    """A value as the alert quotes it: short, and with nothing a page cannot print (a NUL)."""
    printable = "".join(c if c.isprintable() else "\ufffd" for c in value[:20])
    return printable + ("…" if len(value) > 20 else "")


class QueryNumbers:
    """The whole numbers a page filters by (an area's id, a number of days, a level), read
    from the query with whole_number(). A value given but not understood is not ignored:
    it would drop the filter and show everything. It is kept in `errors`, so the page lists
    nothing and says which value, and refuses to export (refuse_export). An id that no row
    has is a valid number: the list is simply empty.

        numbers = QueryNumbers(request.GET)
        kecamatan = numbers.get("kecamatan", _("Kecamatan"))
        if not numbers.valid:
            rows = rows.none()
    """

    def __init__(self, query: QueryDict) -> None:
        self._query = query
        self.errors: list[QueryError] = []

    @property
    def valid(self) -> bool:
        return not self.errors

    def get(self, name: str, label: str, *, low: int = 1, high: int | None = None) -> int | None:
        """?name= as a whole number from low to high; None when it is not given (or empty,
        what a form's "all" choice sends), and also when it is not understood, which is
        then noted."""
        given = self._query.get(name, "") or ""
        number = whole_number(self._query, name, low=low, high=high)
        if number is None and given:
            self._note(name, label, given, low, high)
        return number

    def get_list(
        self, name: str, label: str, *, low: int = 1, high: int | None = None
    ) -> list[int]:
        """Every ?name= of a repeated parameter, sorted, each once; one not understood is
        noted (and left out)."""
        numbers = set()
        for given in self._query.getlist(name):
            number = whole_number({name: given}, name, low=low, high=high)
            if number is None and given:
                self._note(name, label, given, low, high)
            elif number is not None:
                numbers.add(number)
        return sorted(numbers)

    def _note(self, name: str, label: str, given: str, low: int, high: int | None) -> None:
        if high is None:
            message = _("“%(value)s” was not understood.") % {"value": _shown(given)}
        else:
            message = _(
                "“%(value)s” was not understood: a whole number from %(low)s to %(high)s."
            ) % {
                "value": _shown(given),
                "low": low,
                "high": high,
            }
        self.errors.append(QueryError(name, label, message))


def refuse_export(request: HttpRequest) -> HttpResponseRedirect:
    """An export of a list whose filter could not be read: back to the list (the same query
    without ?format=) with a message, rather than a file of everything, or an empty file
    that looks like a result."""
    messages.error(
        request, _("A filter has a value that is not valid: correct it before exporting.")
    )
    query = request.GET.copy()
    query.pop("format", None)
    return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
