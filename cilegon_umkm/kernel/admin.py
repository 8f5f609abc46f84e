"""Admin pieces every app's admin uses."""


class ReadOnlyAdminMixin:
    """Browsable, never edited by hand: reference data, logs, posted money and the records
    of decisions (these change only through their services; a mistake is reversed)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
