"""Admin pieces every app's admin uses."""

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
