import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_it_logs_in_with_the_right_password_and_lands_on_home(client, make_user):
    make_user(Role.STAF_DINAS, username="siti")

    response = client.post(reverse("login"), {"username": "siti", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"].username == "siti"


def test_it_refuses_a_wrong_password_with_a_message_in_indonesian(client, make_user):
    make_user(Role.STAF_DINAS, username="siti")

    response = client.post(reverse("login"), {"username": "siti", "password": "salah"})

    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert "nama pengguna dan kata sandi yang benar" in response.content.decode().lower()


def test_it_returns_to_the_page_asked_for_after_login(client, make_user):
    make_user(Role.STAF_DINAS, username="siti")
    next_url = reverse("registry:index")

    response = client.post(
        f"{reverse('login')}?next={next_url}",
        {"username": "siti", "password": TEST_PASSWORD, "next": next_url},
    )

    assert response.url == next_url


def test_it_refuses_an_inactive_user(client, make_user):
    make_user(Role.STAF_DINAS, username="gone", is_active=False)

    response = client.post(reverse("login"), {"username": "gone", "password": TEST_PASSWORD})

    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_it_logs_out_by_post_and_says_so(client_as):
    client = client_as(Role.PIMPINAN)

    response = client.post(reverse("logout"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("login")
    assert not response.context["user"].is_authenticated
    assert "Anda telah keluar." in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_it_does_not_log_out_on_a_get(client_as):
    # A link or an image pointing at the logout URL must not end a session.
    client = client_as(Role.PIMPINAN)

    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("home")).status_code == 200


def test_it_sends_a_logged_in_user_from_the_login_page_to_home(client_as):
    response = client_as(Role.PIMPINAN).get(reverse("login"))

    assert response.status_code == 302
    assert response.url == reverse("home")
