"""FundTotal on PostgreSQL: a statement-level trigger adds the entries each statement
inserts into the fund ledger to their fund's total per kind. Postings already lock the
fund's row (services), so the upsert adds no waiting; TRUNCATE (tests) empties the totals.
The trigger and its functions are created by migration 0007_fund_totals."""

from django.db import connection


def totals_in_use() -> bool:
    return connection.vendor == "postgresql"
