"""The registry's tally (UMKMTally) on PostgreSQL. Statement-level triggers on the UMKM
table append, per statement, the net change per (kelurahan, size, sector, source, month of
registration). Appending never waits for another writer's lock, so imports, admin edits
and field registrations never block each other on it, and an update that changes none of
those columns (a phone number) appends nothing. Readers sum the rows of a key; compaction
folds them into one row per key, in one statement, safely beside concurrent writers.

SQLite has no such triggers: there the dashboards count the UMKM table itself."""

from __future__ import annotations

from django.db import connection

COLUMNS = "kelurahan_id, size, sector, source, registered_month"
# A UMKM row's key; the month of registration in the office's time zone (TIME_ZONE).
ROW_KEY = (
    "kelurahan_id, coalesce(size, ''), sector, source, "
    "date_trunc('month', created_at AT TIME ZONE 'Asia/Jakarta')::date"
)


def _append(select: str) -> str:
    return f"""
  INSERT INTO registry_umkmtally ({COLUMNS}, n)
  SELECT {COLUMNS}, sum(n) FROM ({select}) AS change ({COLUMNS}, n)
  GROUP BY {COLUMNS} HAVING sum(n) <> 0;"""


FUNCTIONS = {
    "registry_umkm_tally_added": _append(f"SELECT {ROW_KEY}, 1 FROM new_rows"),
    "registry_umkm_tally_removed": _append(f"SELECT {ROW_KEY}, -1 FROM old_rows"),
    "registry_umkm_tally_changed": _append(
        f"SELECT {ROW_KEY}, 1 FROM new_rows UNION ALL SELECT {ROW_KEY}, -1 FROM old_rows"
    ),
    "registry_umkm_tally_emptied": "\n  DELETE FROM registry_umkmtally;",
}
TRIGGERS = {
    "registry_umkm_tally_on_insert": (
        "AFTER INSERT",
        "REFERENCING NEW TABLE AS new_rows",
        "registry_umkm_tally_added",
    ),
    "registry_umkm_tally_on_delete": (
        "AFTER DELETE",
        "REFERENCING OLD TABLE AS old_rows",
        "registry_umkm_tally_removed",
    ),
    "registry_umkm_tally_on_update": (
        "AFTER UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "registry_umkm_tally_changed",
    ),
    "registry_umkm_tally_on_truncate": ("AFTER TRUNCATE", "", "registry_umkm_tally_emptied"),
}


def install_sql() -> str:
    """Functions, triggers, and the tally of the rows already there."""
    parts = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN{body}\n  RETURN NULL;\nEND $$;"
        for name, body in FUNCTIONS.items()
    ]
    parts += [
        f"CREATE TRIGGER {name} {when} ON registry_umkm {transition} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
        for name, (when, transition, function) in TRIGGERS.items()
    ]
    parts.append(
        f"DELETE FROM registry_umkmtally; INSERT INTO registry_umkmtally ({COLUMNS}, n) "
        f"SELECT {ROW_KEY}, count(*) FROM registry_umkm GROUP BY 1, 2, 3, 4, 5;"
    )
    return "\n".join(parts)


def uninstall_sql() -> str:
    parts = [f"DROP TRIGGER IF EXISTS {name} ON registry_umkm;" for name in TRIGGERS]
    parts += [f"DROP FUNCTION IF EXISTS {name}();" for name in FUNCTIONS]
    return "\n".join(parts)


def tally_in_use() -> bool:
    return connection.vendor == "postgresql"


def tally_compact() -> None:
    """Fold every key's rows into one. One statement: rows appended meanwhile by other
    transactions are not in its snapshot and stay as they are."""
    if not tally_in_use():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH gone AS (DELETE FROM registry_umkmtally RETURNING {COLUMNS}, n) "
            f"INSERT INTO registry_umkmtally ({COLUMNS}, n) "
            f"SELECT {COLUMNS}, sum(n) FROM gone GROUP BY {COLUMNS} HAVING sum(n) <> 0"
        )
