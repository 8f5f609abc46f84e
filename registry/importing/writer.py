"""Writing an import plan: new and changed businesses with their audit history, in bulk.

Audit libraries skip bulk writes unless asked, and a row-by-row save is far too slow for
34,000 rows: COPY, then set-based SQL that writes the history rows from the table itself
(the same rows django-simple-history would write)."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from ..models import UMKM
from .plan import IMPORT_FIELDS, Update

_BATCH = 2000
REASON_LENGTH = UMKM.history.model._meta.get_field("history_change_reason").max_length or 100


def write_plan(*, create_values: list[dict], updates: list[Update], user, reason: str) -> None:
    writer = CopyWriter()
    now = timezone.now()
    if create_values:
        writer.create(create_values, user=user, reason=reason, now=now)
    if updates:
        writer.update(updates, user=user, reason=reason, now=now)


class CopyWriter:
    """COPY into the table (ids reserved from its sequence first, so the history can be
    written with one INSERT ... SELECT), and COPY into a temporary table for updates."""

    table = UMKM._meta.db_table
    history_table = UMKM.history.model._meta.db_table

    def create(self, create_values: list[dict], *, user, reason: str, now) -> None:
        columns = ["id", *IMPORT_FIELDS, "name_key", "created_at", "updated_at"]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [self.table, len(create_values)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            copy_sql = f"COPY {self.table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for umkm_id, values in zip(ids, create_values, strict=True):
                    copy.write_row(
                        [
                            umkm_id,
                            *(values[name] for name in IMPORT_FIELDS),
                            values["name_key"],
                            values["created_at"],
                            now,
                        ]
                    )
            reasons = [_reason(reason, values.get("note", "")) for values in create_values]
            self._write_history(cursor, ids, reasons, "+", user=user, now=now)

    def update(self, updates: list[Update], *, user, reason: str, now) -> None:
        columns = [*IMPORT_FIELDS, "name_key"]
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE import_updates ON COMMIT DROP AS "
                f"SELECT id, {', '.join(columns)} FROM {self.table} WITH NO DATA"
            )
            with cursor.cursor.copy(
                f"COPY import_updates (id, {', '.join(columns)}) FROM STDIN"
            ) as copy:
                for update in updates:
                    copy.write_row(
                        [
                            update.umkm_id,
                            *(update.values[name] for name in IMPORT_FIELDS),
                            update.values["name_key"],
                        ]
                    )
            assignments = ", ".join(f"{name} = u.{name}" for name in columns)
            cursor.execute(
                f"UPDATE {self.table} AS t SET {assignments}, updated_at = %s "
                f"FROM import_updates AS u WHERE t.id = u.id",
                [now],
            )
            cursor.execute("DROP TABLE import_updates")
            ids = [update.umkm_id for update in updates]
            reasons = [_reason(reason, update.values.get("note", "")) for update in updates]
            self._write_history(cursor, ids, reasons, "~", user=user, now=now)

    def _write_history(
        self, cursor, ids: list[int], reasons: list[str], history_type: str, *, user, now
    ):
        tracked = [
            field.column
            for field in UMKM.history.model._meta.concrete_fields
            if not field.name.startswith("history_")
        ]
        # Each row its own reason (a sector word kept from the file), still one statement.
        cursor.execute(
            f"INSERT INTO {self.history_table} ({', '.join(tracked)}, history_date, "
            f"history_type, history_change_reason, history_user_id) "
            f"SELECT {', '.join('t.' + column for column in tracked)}, %s, %s, r.reason, %s "
            f"FROM {self.table} AS t "
            f"JOIN unnest(%s::bigint[], %s::text[]) AS r(id, reason) ON t.id = r.id",
            [now, history_type, user.pk if user else None, ids, reasons],
        )


def _reason(reason: str, note: str) -> str:
    text = f"{reason}; {note}" if note else reason
    return text[:REASON_LENGTH]
