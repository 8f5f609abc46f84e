"""Dashboard benchmark: the overview for the whole city, last year and one kecamatan, each
area page, and an export; first computed on every request (what a request pays once every
five minutes), then from the five-minute cache.

    python bench/dashboard.py      # on DATABASE_URL, else the project's own PostgreSQL

Needs `seed_demo` data (or the registry and lending benchmarks' larger data:
`bench/registry.py --umkm 1000000`, `bench/lending.py --loans 100000`). Prints p50/p95
server time and query counts, in-process with Django's test client. Targets on PostgreSQL:
overview p95 <= 300 ms at demo scale, <= 1 s at 1,000,000 UMKM and 100,000 loans."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cilegon_umkm.settings.dev")

import django

django.setup()

from django.core.cache.backends.dummy import DummyCache  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import client_as, measure, serve_in_process  # noqa: E402  (bench/timing.py)

from cilegon_umkm.accounts.roles import Role  # noqa: E402
from cilegon_umkm.dashboard import collect  # noqa: E402
from lending.models import Loan  # noqa: E402
from mentoring.models import Visit  # noqa: E402
from registry.models import UMKM, Kecamatan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
    args = parser.parse_args()
    serve_in_process()
    print(
        f"UMKM: {UMKM.objects.count()}, loans: {Loan.objects.count()}, "
        f"visits: {Visit.objects.count()}"
    )
    client = client_as("bench.pimpinan", Role.PIMPINAN)
    year = timezone.localdate().year
    kecamatan = Kecamatan.objects.order_by("name").first()
    pages = [
        ("overview, this year", "/dasbor/"),
        ("overview, last year", f"/dasbor/?tahun={year - 1}"),
        ("overview, one kecamatan", f"/dasbor/?kecamatan={kecamatan.pk}"),
        ("overview, Jan-Mar", "/dasbor/?dari=1&sampai=3"),
        ("registry page", "/dasbor/registri/"),
        ("lending page", "/dasbor/pinjaman/"),
        ("mentoring page", "/dasbor/pendampingan/"),
        ("training page", "/dasbor/pelatihan/"),
        ("overview XLSX export", "/dasbor/ekspor.xlsx"),
    ]
    print(f"computed every time ({args.repeat} requests each, server time in-process):")
    real_cache = collect.cache
    collect.cache = DummyCache("bench", {})  # what a request pays every 5 minutes
    for label, url in pages:
        measure(client, label, url, args.repeat)
    collect.cache = real_cache
    print("served from the 5-minute cache:")
    for label, url in pages:
        measure(client, label, url, args.repeat)


if __name__ == "__main__":
    main()
