"""Money that was posted is never changed or deleted: a mistake is corrected by a reversing
entry. Apps mix PostedEntry into their ledger models, and their migrations add the database
guard (posted_guards), so that not even a hand-written UPDATE gets through."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.backends.base.schema import BaseDatabaseSchemaEditor
    from django.db.migrations.state import StateApps

    # Mixed into models only, so the type checker may know it as one.
    from django.db.models import Model as _MixedInto

    # A RunPython step: (the migration's apps, its schema editor).
    Operation = Callable[[StateApps, BaseDatabaseSchemaEditor], None]
else:
    _MixedInto = object


class PostedEntry(_MixedInto):
    """Mixin for entries that are posted once: the model refuses a second save or a delete
    with a clear error, before the database's guard does."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(_("A posted entry cannot be changed; post a reversal instead."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValidationError(_("A posted entry cannot be deleted; post a reversal instead."))


def posted_guards(tables: list[str], function: str) -> tuple[Operation, Operation]:
    """RunPython operations (forward, backward) that make the database refuse UPDATE and
    DELETE of these tables' rows (TRUNCATE, which the test suite's flush uses, stays)."""

    def add(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION USING MESSAGE = 'a posted entry of ' || TG_TABLE_NAME || "
            "' is never changed or deleted; post a reversal'; END; $$ LANGUAGE plpgsql"
        )
        for table in tables:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_posted BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {function}()"
            )

    def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_posted ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")

    return add, drop
