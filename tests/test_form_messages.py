"""A form's errors in a message read as words: the field's label, then what is wrong; not
Django's "* reason * Bidang ini tidak boleh kosong"."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.lending.factories import approved_application

pytestmark = pytest.mark.django_db


def test_a_rejection_without_a_reason_says_which_field_in_words(client_as, people):
    application = approved_application(people)
    client = client_as(Role.KEPALA_UPT)

    response = client.post(reverse("lending:application-reject", args=[application.pk]), {})

    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Alasan: Bidang ini tidak boleh kosong." in text
    assert "*" not in text and "reason" not in text


def test_a_failed_login_names_the_username_once(client, make_user):
    make_user(username="rina")

    response = client.post(reverse("login"), {"username": "rina", "password": "salah"})

    text = " ".join(response.content.decode().split())
    assert "Masukkan nama pengguna dan kata sandi yang benar" in text
    assert "nama pengguna nama pengguna" not in text
