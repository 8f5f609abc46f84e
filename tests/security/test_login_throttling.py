"""Login throttling (django-axes): five wrong passwords for one username from one address
lock that pair out for fifteen minutes, even with the right password; others are not
affected, and a success before the limit starts the count again. Behind the proxy the
address is the visitor's, so nobody elsewhere can lock a user out, and a forged
X-Forwarded-For entry does not escape a lockout."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.client_address import client_address
from cilegon_umkm.accounts.roles import Role
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(client, username, password, address="10.0.0.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_username_out_from_that_address(client, make_user):
    make_user(Role.STAF_DINAS, username="siti")
    for _ in range(4):
        assert _log_in(client, "siti", "salah").status_code == 200
    assert _log_in(client, "siti", "salah").status_code == 429  # the fifth

    locked = _log_in(client, "siti", TEST_PASSWORD)

    assert locked.status_code == 429
    assert "Terlalu banyak sandi yang salah" in locked.content.decode()
    assert "15 menit" in locked.content.decode()
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_the_lockout_touches_neither_other_users_nor_other_addresses(client, make_user):
    make_user(Role.STAF_DINAS, username="siti")
    make_user(Role.STAF_UPT, username="budi")
    for _ in range(5):
        _log_in(client, "siti", "salah")

    assert _log_in(client, "budi", TEST_PASSWORD).status_code == 302
    client.logout()
    assert _log_in(client, "siti", TEST_PASSWORD, address="10.0.0.8").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, make_user, time_machine):
    make_user(Role.STAF_DINAS, username="siti")
    time_machine.move_to("2026-03-02 09:00:00+07:00", tick=False)
    for _ in range(5):
        _log_in(client, "siti", "salah")
    assert _log_in(client, "siti", TEST_PASSWORD).status_code == 429

    time_machine.shift(timedelta(minutes=16))

    assert _log_in(client, "siti", TEST_PASSWORD).status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, make_user):
    make_user(Role.STAF_DINAS, username="siti")
    for _ in range(4):
        _log_in(client, "siti", "salah")
    assert _log_in(client, "siti", TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _log_in(client, "siti", "salah")

    assert _log_in(client, "siti", TEST_PASSWORD).status_code == 302


# Behind the office's reverse proxy (production: one trusted proxy), every request comes
# from the proxy's address; the visitor's is the hop the proxy appended to X-Forwarded-For.
PROXY = "10.0.0.1"


def _through_proxy(client, username, password, visitor, forged=""):
    forwarded = f"{forged}, {visitor}" if forged else visitor
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_failures_from_one_visitor_do_not_lock_the_user_out_elsewhere(
    client, make_user, behind_a_proxy
):
    make_user(Role.KEPALA_UPT, username="kepala.upt")
    for _ in range(5):
        _through_proxy(client, "kepala.upt", "salah", visitor="203.0.113.9")
    assert _through_proxy(client, "kepala.upt", TEST_PASSWORD, "203.0.113.9").status_code == 429

    elsewhere = _through_proxy(client, "kepala.upt", TEST_PASSWORD, visitor="198.51.100.4")

    assert elsewhere.status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, make_user, behind_a_proxy):
    make_user(Role.STAF_DINAS, username="siti")
    for n in range(5):
        # The attacker writes a new address of its own each time; the proxy appends theirs.
        _through_proxy(client, "siti", "salah", visitor="203.0.113.9", forged=f"192.0.2.{n}")

    again = _through_proxy(client, "siti", TEST_PASSWORD, "203.0.113.9", forged="192.0.2.77")

    assert again.status_code == 429


@pytest.mark.parametrize("forwarded", ["", "not-an-address", " , "])
def test_a_request_without_a_usable_forwarded_hop_counts_the_connecting_address(
    rf, settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == PROXY


def _spray(client, usernames, visitor, *, tries=3):
    """A few wrong passwords for each of many usernames: below the limit per username."""
    for n, username in enumerate(usernames):
        for _ in range(tries):
            _through_proxy(client, username, "salah", visitor, forged=f"192.0.2.{n}")


def test_password_spraying_from_one_address_is_refused_and_only_there(
    client, make_user, behind_a_proxy, settings
):
    settings.LOGIN_FAILURES_PER_ADDRESS = 30
    make_user(Role.STAF_DINAS, username="siti")
    _spray(client, [f"tebakan{n}" for n in range(10)], visitor="203.0.113.9")  # 30 failures

    sprayer = _through_proxy(client, "siti", TEST_PASSWORD, "203.0.113.9", forged="192.0.2.200")
    elsewhere = _through_proxy(client, "siti", TEST_PASSWORD, visitor="198.51.100.4")

    assert sprayer.status_code == 429
    assert elsewhere.status_code == 302


def test_below_the_limit_per_address_colleagues_still_log_in(
    client, make_user, behind_a_proxy, settings
):
    settings.LOGIN_FAILURES_PER_ADDRESS = 30
    make_user(Role.STAF_DINAS, username="siti")
    _spray(client, [f"rekan{n}" for n in range(9)], visitor="203.0.113.9")  # 27 failures

    assert _through_proxy(client, "siti", TEST_PASSWORD, "203.0.113.9").status_code == 302


def test_the_admin_login_refuses_a_spraying_address_too(client, behind_a_proxy, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 30
    _spray(client, [f"tebakan{n}" for n in range(10)], visitor="203.0.113.9")

    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": "apa saja"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )

    assert response.status_code == 429
