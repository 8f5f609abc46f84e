"""The base of every django-tables2 table of the portal: its query parameters are the
portal's own (kernel/query.py), not django-tables2's English `page`, `per_page` and `sort`.

A table declares `class Meta(PortalTable.Meta)`, so that the names come with it;
tests/test_query_parameters.py checks every table of every app."""

from typing import Any, Self

import django_tables2 as tables
from django.core.paginator import Paginator

from .query import PAGE, PER_PAGE, SORT

# Enough for any screen; a bigger ?per_halaman= would have one page render the registry.
MAX_PER_PAGE = 100


class PortalTable(tables.Table):
    class Meta:
        page_field = PAGE
        per_page_field = PER_PAGE
        order_by_field = SORT

    def paginate(
        self,
        paginator_class: type[Paginator] = Paginator,
        per_page: int | None = None,
        page: int = 1,
        *args: Any,
        **kwargs: Any,
    ) -> Self:
        # ?per_halaman= outside 1..MAX_PER_PAGE is ignored like any other bad parameter:
        # the table's own page size.
        if per_page is not None and not 1 <= per_page <= MAX_PER_PAGE:
            per_page = None
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)
