"""Login throttling (django-axes): five wrong passwords for one username from one address
lock that pair out for fifteen minutes, even with the right password; others are not
affected, and a success before the limit starts the count again."""

from datetime import timedelta

import pytest
from django.urls import reverse

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
