"""Anonymous visitors reach nothing but the public pages, whatever URL they try."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.urlwalk import walk_urls

pytestmark = pytest.mark.django_db

# Pages anyone may open. Adding one here is a decision about personal data: review it.
PUBLIC = {
    "login",
    "set_language",  # choose the language on the login page
    "health",
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
    # The QR code on a training certificate: number, holder, track, validity; never the NIK
    # (tests/training/test_certificates.py).
    "certificate-verify",
    "certificate-lookup",
}

WALKED, UNNAMED = walk_urls()


def test_it_has_no_unnamed_pages_outside_the_admin():
    # An unnamed pattern cannot be reversed, so the walk below would miss it.
    assert [source for source in UNNAMED if not source.startswith("admin/")] == []


@pytest.mark.parametrize("url", [u for u in WALKED if u.name not in PUBLIC], ids=lambda u: u.name)
def test_it_redirects_anonymous_visitors_to_the_login(client, url):
    for method in (client.get, client.post):
        response = method(url.path)

        assert response.status_code == 302, (method.__name__, url)
        login_urls = (reverse(settings.LOGIN_URL), reverse("admin:login"))
        assert response.url.split("?")[0] in login_urls, (method.__name__, url, response.url)


def test_it_serves_the_login_page_to_anonymous_visitors(client):
    assert client.get(reverse("login")).status_code == 200


def test_it_answers_the_health_check_without_login(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.content == b"ok"
