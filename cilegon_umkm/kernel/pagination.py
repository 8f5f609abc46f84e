"""Pagination that does not count a million rows on every page view."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection


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


def _queryset(object_list):
    # django-tables2 hands over its rows wrapper; the queryset is inside it.
    while not hasattr(object_list, "query") and hasattr(object_list, "data"):
        object_list = object_list.data
    return object_list


def _estimated_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
        row = cursor.fetchone()
    return int(row[0]) if row else 0
