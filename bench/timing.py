"""What the benchmark scripts share: timing a page in-process, and rolling back a write."""

from __future__ import annotations

import statistics
import sys
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Rollback(Exception):
    """Raised inside transaction.atomic() to leave the database as it was."""


def measure(client: Client, label: str, url: str, repeat: int) -> None:
    """Print p50/p95 server time and the query count of GET url. A redirect counts as an
    answer (the repayment desk redirects when its lookup finds exactly one loan)."""
    for _ in range(3):
        response = client.get(url)  # warm-up: caches, connections, the planner
        if response.status_code not in (200, 302):
            sys.exit(f"{url} answered {response.status_code}")
    timings, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    print(
        f"  {label:<28} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms"
        f"   {queries:3d} queries   {url}"
    )


def serve_in_process() -> None:
    """Settings for timing pages with the test client: any host, no debug bookkeeping.
    Says which database the figures are of."""
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    database = connection.settings_dict
    print(
        f"database: PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 100}, "
        f"{database['NAME']} on {database['HOST'] or 'localhost'}"
    )


def client_as(username: str, role) -> Client:
    """A test client logged in as a bench user holding exactly this role."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _created = get_user_model().objects.get_or_create(username=username)
    user.groups.set([Group.objects.get(name=role.value)])
    client = Client()
    client.force_login(user)
    return client
