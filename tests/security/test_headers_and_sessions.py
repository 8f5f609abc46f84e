"""The browser is told to run only the portal's own scripts (Content-Security-Policy), and
no page needs more: no inline script, event handler or style attribute in any page the
URLconf has. Sessions end after a working day; passwords follow the policy."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.settings import base
from tests.factories import UserFactory
from tests.urlwalk import walk_urls

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
WALKED, _UNNAMED = walk_urls()
PAGES = [u for u in WALKED if not u.name.startswith("admin:") and "ekspor" not in u.path]


def test_every_answer_carries_a_strict_content_security_policy(client_as):
    policy = client_as(Role.STAF_DINAS).get(reverse("home"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_login_page_has_the_policy_too(client):
    assert "script-src 'self'" in client.get(reverse("login"))["Content-Security-Policy"]


def test_no_page_needs_an_inline_script_or_style(client_as):
    client = client_as(Role.ADMIN)
    checked = 0
    for url in PAGES:
        response = client.get(url.path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not HANDLER.search(html), url
        assert not STYLE_ATTRIBUTE.search(html), url
        checked += 1
    assert checked >= 20


def test_a_session_ends_after_a_working_day(client_as, time_machine):
    time_machine.move_to("2026-03-02 08:00:00+07:00", tick=False)
    client = client_as(Role.STAF_DINAS)
    assert client.get(reverse("home")).status_code == 200

    time_machine.shift(timedelta(hours=8, minutes=1))

    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("password", ["cilegon1", "1234567890123", "password123", "siti-aminah"])
def test_weak_passwords_are_refused(make_user, password):
    user = make_user(Role.STAF_DINAS, username="siti-aminah", first_name="Siti")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted(make_user):
    validate_password("gerobak-biru-di-pulomerak", make_user(Role.STAF_DINAS))


def test_passwords_are_hashed_with_argon2_and_an_old_pbkdf2_hash_is_upgraded_at_login(
    client, settings
):

    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS  # the tests' own setting is MD5
    user = UserFactory(username="lama")
    user.password = make_password("gerobak-biru-di-pulomerak", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post(
        reverse("login"), {"username": "lama", "password": "gerobak-biru-di-pulomerak"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=47104,t=1,p=1$")
    assert user.check_password("gerobak-biru-di-pulomerak")
