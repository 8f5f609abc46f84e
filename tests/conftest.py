"""Fixtures every test directory shares: users by role, the lending personas and the
office's frozen clock. A directory's own conftest.py adds only what is its own."""

import os

import pytest

from cilegon_umkm.accounts.roles import Role

from . import write_guard
from .chromium import CHROMIUM
from .factories import UserFactory
from .lending.factories import People

# Each app writes only its own rows: any write by one app of another's fails the test.
write_guard.install()

# Playwright's sync API runs an event loop; without this pytest-django refuses to touch
# the database from the browser tests' fixtures (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium. Without it they skip on a laptop, but under CI
    (CI=true) a missing browser is an error: CI must prove the pages work in a browser."""
    e2e = [item for item in items if item.get_closest_marker("e2e")]
    if not e2e or CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true but no chromium at {CHROMIUM}: browser tests cannot run")
    skip = pytest.mark.skip(reason=f"no chromium at {CHROMIUM} (apt-get install chromium)")
    for item in e2e:
        item.add_marker(skip)


@pytest.fixture
def make_user(db):
    """make_user(Role.STAF_DINAS, username="siti") -> a saved user in those role groups."""

    def make(*roles: Role, **fields):
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def client_as(client, make_user):
    """client_as(Role.PIMPINAN) -> the test client logged in as a new user of that role."""

    def login(*roles: Role, **fields):
        client.force_login(make_user(*roles, **fields))
        return client

    return login


@pytest.fixture
def people(db):
    """The office's fixed personas on a loan's path: staff, the PDB mentor, the head."""
    return People()


@pytest.fixture
def today(time_machine):
    """Freeze the office's clock: today(date(2025, 6, 1))."""

    def move(day):
        time_machine.move_to(f"{day.isoformat()} 10:00:00+07:00", tick=False)
        return day

    return move


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures (dashboards) never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
