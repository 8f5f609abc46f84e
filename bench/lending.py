"""Lending benchmark: page speed of the lending workspace and the nightly arrears command.

    python bench/lending.py                 # on DATABASE_URL, else the project's own PostgreSQL
    python bench/lending.py --loans 10000   # first tops the demo loans up to 10,000

It prints p50/p95 server time and the query count of a loan page, the repayment desk's
lookup (by loan number, NIK and name) and its form, the portfolio report and its export,
and the arrears list, measured in-process with Django's test client; then the time of
`record_arrears` (in a transaction that is rolled back). Targets on PostgreSQL at 10,000
loans: loan page, lookup and portfolio p95 <= 200 ms; record_arrears <= 30 s. Top-up loans
are demo loans (lending/demo.py) to owners who had none; run it on a scratch database if
you do not want them. The registry must hold enough active businesses (`seed_demo`)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cilegon_umkm.settings.dev")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from timing import Rollback, client_as, measure, serve_in_process  # noqa: E402  (bench/timing.py)

from cilegon_umkm.accounts.roles import Role  # noqa: E402
from lending.demo import top_up_loans  # noqa: E402
from lending.models import Loan  # noqa: E402


def bench_record_arrears() -> None:
    started = time.perf_counter()
    out = StringIO()
    try:
        with transaction.atomic():
            call_command("record_arrears", stdout=out)
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    print(f"record_arrears: {elapsed:.2f} s ({out.getvalue().strip()})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--loans", type=int, default=0, help="top the loans up to this many")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
    args = parser.parse_args()
    serve_in_process()

    if args.loans:
        started = time.perf_counter()
        added = top_up_loans(seed=args.loans, target=args.loans)
        if added:
            print(f"  top-up: +{added} loans in {time.perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Loan.objects.count()
    if not total:
        sys.exit("No loans: run `python manage.py seed_demo` first.")
    by_status = dict(Loan.objects.values_list("status").annotate(n=Count("id")))
    print(f"loans: {total} ({', '.join(f'{k} {v}' for k, v in sorted(by_status.items()))})")

    client = client_as("bench.upt", Role.STAF_UPT)
    # The busiest running loan: the most installments and repayments on one page.
    loan = (
        Loan.objects.filter(status=Loan.Status.ACTIVE)
        .annotate(n=Count("repayments"))
        .select_related("umkm")
        .order_by("-n", "pk")
        .first()
    )
    owner_words = "+".join(loan.umkm.owner_name.split()[:2])
    print(f"pages ({args.repeat} requests each, server time in-process):")
    pages = [
        ("loan page", f"/pinjaman/pinjaman/{loan.pk}/"),
        ("repayment card", f"/pinjaman/pinjaman/{loan.pk}/kartu/"),
        ("lookup, loan number", f"/pinjaman/angsuran/?cari={loan.number}"),
        ("lookup, NIK", f"/pinjaman/angsuran/?cari={loan.umkm.owner_nik}"),
        ("lookup, owner name", f"/pinjaman/angsuran/?cari={owner_words}"),
        ("repayment form", f"/pinjaman/angsuran/pinjaman/{loan.pk}/"),
        ("portfolio", "/pinjaman/portofolio/"),
        ("portfolio export (xlsx)", "/pinjaman/portofolio/?format=xlsx"),
        ("arrears list", "/pinjaman/tunggakan/"),
        ("application queue", "/pinjaman/"),
    ]
    for label, url in pages:
        measure(client, label, url, args.repeat)
    bench_record_arrears()


if __name__ == "__main__":
    main()
