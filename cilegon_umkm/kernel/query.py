"""The query parameters every list page shares, in Indonesian like the rest of the URL
(docs/ARCHITECTURE.md, "Naming"), and the reading of the search box.

The names are written here once; templates write the same words (`name="cari"`,
`{% querystring halaman=... %}`) and tests/test_query_parameters.py holds them to these."""

from collections.abc import Mapping

from django.http import HttpRequest

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
    (a bad value is ignored, never an error). Only the digits 0-9 count: str.isdigit()
    also takes "²" and other digits that int() then refuses."""
    value = query.get(name, "") or ""
    if not (value.isascii() and value.isdigit()) or len(value) > _NUMBER_MAX_DIGITS:
        return None
    number = int(value)
    if number < low or (high is not None and number > high):
        return None
    return number
