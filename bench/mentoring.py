"""Mentoring benchmark: the field pages and the supervision report at scale.

    python bench/mentoring.py                  # on DATABASE_URL, else the project's own PostgreSQL
    python bench/mentoring.py --visits 100000  # first tops the visits up to 100,000

Needs `seed_demo` data. It gives a bench pendamping the kelurahan it takes to cover at least
1,000 businesses, tops one business's timeline up to 200 events and the visits up to
--visits (bench rows: run it on a scratch database), then prints p50/p95 server time and
query counts, in-process with Django's test client. Targets on PostgreSQL: "My businesses"
with 1,000 businesses and the timeline with 200 events p95 <= 100 ms; the activity report
over 100,000 visits <= 300 ms."""

from __future__ import annotations

import argparse
import os
import random
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cilegon_umkm.settings.dev")

import django

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import client_as, measure, serve_in_process  # noqa: E402  (bench/timing.py)

from cilegon_umkm.accounts.models import User  # noqa: E402
from cilegon_umkm.accounts.roles import Role  # noqa: E402
from mentoring.models import Assignment, Mentor, MentorKind, Purpose, Visit  # noqa: E402
from registry.models import UMKM  # noqa: E402
from registry.timeline import timeline_for  # noqa: E402

TIMELINE_EVENTS = 200


def bench_mentor() -> Mentor:
    user, _ = User.objects.get_or_create(username="bench.pendamping")
    user.groups.set([Group.objects.get(name=Role.PENDAMPING_EKONOMI.value)])
    mentor, created = Mentor.objects.get_or_create(
        user=user, defaults={"kind": MentorKind.EKONOMI, "paid_by": Mentor.PaidBy.KELURAHAN}
    )
    if created:
        covered = 0
        per_kelurahan = (
            UMKM.objects.values("kelurahan").annotate(n=Count("id")).order_by("-n", "kelurahan")
        )
        for row in per_kelurahan:
            Assignment.objects.create(
                mentor=mentor, kelurahan_id=row["kelurahan"], starts_on=date(2025, 1, 1)
            )
            covered += row["n"]
            if covered >= 1000:
                break
    return mentor


def top_up_visits(mentor: Mentor, umkm: UMKM, target: int) -> None:
    rng = random.Random(7)  # noqa: S311  (bench data, not secrets)
    today = timezone.localdate()
    events = len(timeline_for(umkm, mentor.user, limit=10_000))
    visits = [
        Visit(
            umkm=umkm,
            mentor=mentor,
            visited_on=today - timedelta(days=i % 365),
            purpose=Purpose.COACHING,
            findings="Kunjungan rutin",
            client_id=uuid.uuid4(),
        )
        for i in range(max(0, TIMELINE_EVENTS - events))
    ]
    businesses = list(UMKM.objects.values_list("pk", flat=True)[:20_000])
    mentors = list(Mentor.objects.filter(kind=MentorKind.EKONOMI))
    missing = target - Visit.objects.count() - len(visits)
    visits += [
        Visit(
            umkm_id=rng.choice(businesses),
            mentor=rng.choice(mentors),
            visited_on=today - timedelta(days=rng.randrange(365)),
            purpose=Purpose.DATA,
            client_id=uuid.UUID(int=rng.getrandbits(128)),
        )
        for _ in range(max(0, missing))
    ]
    Visit.objects.bulk_create(visits, batch_size=5000)
    if visits:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE mentoring_visit")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--visits", type=int, default=0, help="top the visits up to this many")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
    args = parser.parse_args()
    serve_in_process()

    mentor = bench_mentor()
    businesses = UMKM.objects.filter(
        kelurahan__in=Assignment.objects.filter(mentor=mentor).values("kelurahan")
    )
    umkm = businesses.order_by("pk").first()
    if umkm is None:
        sys.exit("The registry is empty: run `python manage.py seed_demo` first.")
    top_up_visits(mentor, umkm, args.visits)
    events = len(timeline_for(umkm, mentor.user, limit=10_000))
    print(
        f"bench mentor covers {businesses.count()} businesses; timeline of one: {events} "
        f"events; visits in all: {Visit.objects.count()}"
    )

    client = Client()
    client.force_login(mentor.user)
    office = client_as("bench.staf.dinas", Role.STAF_DINAS)
    month = timezone.localdate().strftime("%Y-%m")
    print(f"pages ({args.repeat} requests each, server time in-process):")
    measure(client, "my businesses", "/pendampingan/lapangan/usaha/", args.repeat)
    page_20 = "/pendampingan/lapangan/usaha/?halaman=20"
    measure(client, "my businesses, page 20", page_20, args.repeat)
    search = "/pendampingan/lapangan/usaha/?cari=warung"
    measure(client, "my businesses, search", search, args.repeat)
    measure(client, "business timeline", f"/pendampingan/lapangan/usaha/{umkm.pk}/", args.repeat)
    measure(client, "field home", "/pendampingan/lapangan/", args.repeat)
    measure(office, "activity report", f"/pendampingan/laporan/?bulan={month}", args.repeat)
    measure(office, "referral inbox", "/pendampingan/rujukan/", args.repeat)


if __name__ == "__main__":
    main()
