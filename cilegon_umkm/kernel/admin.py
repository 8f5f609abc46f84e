"""Admin pieces every app's admin uses."""

from typing import Any

from django.contrib.admin.filters import ListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db.models import Model
from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """Browsable, never edited by hand: reference data, logs, posted money and the records
    of decisions (these change only through their services; a mistake is reversed)."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class DateHierarchyChangeList(ChangeList):
    """Django 5.2 checks the date hierarchy's year, month and day for a ValueError only, and
    computes the end of the range outside that check: a year too large for an int
    (?tanggal__year=99999999999, an OverflowError) or the last year a date has
    (?tanggal__year=9999, whose next year does not exist) was a server error. Here both are
    an invalid lookup (the redirect to ?e=1), as in Django from ticket #37357 on."""

    def get_filters(
        self, request: HttpRequest
    ) -> tuple[list[ListFilter], bool, dict[str, bool | str], bool, bool]:
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class DateHierarchyMixin:
    """For a ModelAdmin with a date_hierarchy: the changelist above."""

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return DateHierarchyChangeList
