"""The registry's tally (UMKMTally). Statement-level triggers on the UMKM
table append, per statement, the net change per (kelurahan, size, sector, source, month of
registration). Appending never waits for another writer's lock, so imports, admin edits
and field registrations never block each other on it, and an update that changes none of
those columns (a phone number) appends nothing. Readers sum the rows of a key; compaction
folds them into one row per key, in one statement, safely beside concurrent writers.

The triggers and their functions are created by migration 0006_umkm_tally, with the same
key as COLUMNS below."""

from __future__ import annotations

from django.db import connection

COLUMNS = "kelurahan_id, size, sector, source, registered_month"


def tally_compact() -> None:
    """Fold every key's rows into one. One statement: rows appended meanwhile by other
    transactions are not in its snapshot and stay as they are."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH gone AS (DELETE FROM registry_umkmtally RETURNING {COLUMNS}, n) "
            f"INSERT INTO registry_umkmtally ({COLUMNS}, n) "
            f"SELECT {COLUMNS}, sum(n) FROM gone GROUP BY {COLUMNS} HAVING sum(n) <> 0"
        )
