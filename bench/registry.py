"""Registry benchmark: import speed and page speed on the current database.

    python bench/registry.py                 # on DATABASE_URL, else the project's own PostgreSQL
    python bench/registry.py --umkm 1000000  # first tops the registry up to a million rows

It prints the time to import a generated 34,000-row CSV (in a transaction that is rolled
back, so the database is left as it was), then p50/p95 server time and the query count of
the registry's pages, measured in-process with Django's test client. Targets on PostgreSQL:
browse and search p95 <= 100 ms at 34,000 rows and <= 300 ms at a million; the admin
changelist (search included) <= 400 ms at a million. Top-up rows are real demo businesses
(source "dinkop"); run it on a scratch database if you do not want them."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cilegon_umkm.settings.dev")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from timing import Rollback, client_as, measure, serve_in_process  # noqa: E402  (bench/timing.py)

from cilegon_umkm.accounts.roles import Role  # noqa: E402
from registry.demo import DemoRegistry, kelurahan_choices, rows_to_csv  # noqa: E402
from registry.models import UMKM, Kecamatan  # noqa: E402
from registry.services import umkm_import  # noqa: E402

IMPORT_ROWS = 34_000
TOP_UP_CHUNK = 50_000


def top_up(target: int) -> None:
    count = UMKM.objects.count()
    seed = 10_000
    while count < target:
        seed += 1
        size = min(TOP_UP_CHUNK, target - count)
        rows = DemoRegistry(seed=seed, kelurahan=kelurahan_choices()).rows(size)
        started = time.perf_counter()
        outcome = umkm_import(
            data=rows_to_csv(rows), filename=f"bench-{seed}.csv", user=None,
            dry_run=False, default_source="dinkop",
        )  # fmt: skip
        count = UMKM.objects.count()
        print(f"  top-up: +{outcome.created} in {time.perf_counter() - started:.1f} s, now {count}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_umkm")


def bench_import() -> None:
    rows = DemoRegistry(seed=424242, kelurahan=kelurahan_choices()).rows(IMPORT_ROWS)
    data = rows_to_csv(rows)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            outcome = umkm_import(
                data=data, filename="bench.csv", user=None, dry_run=False, default_source="dinkop"
            )
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    print(
        f"import of a {IMPORT_ROWS}-row CSV ({len(data) / 1e6:.1f} MB): {elapsed:.2f} s "
        f"({outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged, "
        f"{outcome.rejected} rejected; validation and history included)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--umkm", type=int, default=0, help="top the registry up to this many rows first"
    )
    parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    serve_in_process()

    if args.umkm:
        top_up(args.umkm)
    total = UMKM.objects.count()
    if not total:
        sys.exit("The registry is empty: run `python manage.py seed_demo` first.")
    print(f"registry: {total} businesses")
    if not args.skip_import:
        bench_import()

    client = client_as("bench.staf", Role.STAF_DINAS)
    kecamatan = Kecamatan.objects.get(name="Jombang").pk
    sample = UMKM.objects.order_by("pk")[total // 2]
    print(f"pages ({args.repeat} requests each, server time in-process):")
    pages = [
        ("browse, first page", "/registri/"),
        (
            "browse, filtered",
            f"/registri/?kecamatan={kecamatan}&status=aktif&skala=mikro&sektor=kuliner",
        ),
        ("browse, page 40", "/registri/?halaman=40"),
        ("search, a common word", "/registri/?cari=warung"),
        ("search, an owner's name", f"/registri/?cari={quote_plus(sample.owner_name)}"),
        ("search, words with a typo", "/registri/?cari=warung+bu+sity"),
        ("search, no match", "/registri/?cari=zzqxw+vvkj"),
        ("search, NIK", f"/registri/?cari={sample.owner_nik}"),
        ("business page", f"/registri/{sample.pk}/"),
        ("admin changelist", "/admin/registry/umkm/"),
        ("admin changelist, search", "/admin/registry/umkm/?q=siti+aminah"),
        ("admin changelist, filtered", "/admin/registry/umkm/?status__exact=aktif&size=kecil"),
    ]
    for label, url in pages:
        measure(client, label, url, args.repeat)


if __name__ == "__main__":
    main()
