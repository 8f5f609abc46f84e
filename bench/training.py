"""Training benchmark: the supplier directory and the training report at demo scale.

    python bench/training.py      # on DATABASE_URL, else the project's own PostgreSQL

Needs `seed_demo` data (tracks, cohorts, 1,000+ enrolments, certificates). Prints p50/p95
server time and query counts, in-process with Django's test client. Target on PostgreSQL:
p95 <= 150 ms for both."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cilegon_umkm.settings.dev")

import django

django.setup()

from timing import client_as, measure, serve_in_process  # noqa: E402  (bench/timing.py)

from cilegon_umkm.accounts.roles import Role  # noqa: E402
from training.models import Certificate, Enrollment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
    args = parser.parse_args()
    serve_in_process()
    enrolments, certificates = Enrollment.objects.count(), Certificate.objects.count()
    if not enrolments:
        sys.exit("No training data: run `python manage.py seed_demo` first.")
    print(f"enrolments: {enrolments}, certificates: {certificates}")
    industry = client_as("bench.mitra", Role.MITRA_INDUSTRI)
    office = client_as("bench.staf.pelatihan", Role.STAF_DINAS)
    year = Certificate.objects.order_by("-issued_on").values_list("issued_on", flat=True)[0].year
    print(f"pages ({args.repeat} requests each, server time in-process):")
    measure(industry, "directory", "/pelatihan/direktori/", args.repeat)
    measure(industry, "directory, catering", "/pelatihan/direktori/?kategori=katering", args.repeat)
    measure(industry, "directory, page 5", "/pelatihan/direktori/?halaman=5", args.repeat)
    measure(office, "training report", f"/pelatihan/laporan/?tahun={year}", args.repeat)
    measure(office, "budget page", f"/pelatihan/anggaran/?tahun={year}", args.repeat)


if __name__ == "__main__":
    main()
