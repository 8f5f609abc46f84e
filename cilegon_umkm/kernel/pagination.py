"""Pagination: the page a list's ?halaman= asks for, and a paginator that does not count a
million rows on every page view."""

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest

from .query import PAGE


class BoundedCountPaginator(Paginator):
    """Counts at most COUNT_LIMIT rows. Beyond that, an unfiltered table reports the
    planner's estimate and a filtered set reports the limit; `count_kind` ("exact",
    "estimate" or "at_least") tells a template to write "about" or "more than"."""

    COUNT_LIMIT = 100_000

    count_kind = "exact"

    @cached_property
    def count(self) -> int:
        queryset = _queryset(self.object_list)
        capped = queryset.order_by()[: self.COUNT_LIMIT + 1].count()
        if capped <= self.COUNT_LIMIT:
            return capped
        if not queryset.query.where:
            self.count_kind = "estimate"
            return max(_estimated_rows(queryset.model._meta.db_table), self.COUNT_LIMIT)
        self.count_kind = "at_least"
        return self.COUNT_LIMIT


def page_of(request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int) -> Page:
    """The page of items that ?halaman= asks for: the first when it is missing or not a
    number, the last when it is past the end (an old link never fails)."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE))


def _queryset(object_list: Any) -> QuerySet[Any]:
    # django-tables2 hands over its rows wrapper; the queryset is inside it.
    while not hasattr(object_list, "query") and hasattr(object_list, "data"):
        object_list = object_list.data
    return object_list


def _estimated_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
        row = cursor.fetchone()
    return int(row[0]) if row else 0
