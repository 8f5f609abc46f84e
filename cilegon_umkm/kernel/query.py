"""The query parameters every list page shares, in Indonesian like the rest of the URL
(docs/ARCHITECTURE.md, "Naming"), and the reading of the search box.

The names are written here once; templates write the same words (`name="cari"`,
`{% querystring halaman=... %}`) and tests/test_query_parameters.py holds them to these."""

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
