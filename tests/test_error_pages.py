import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_it_shows_a_friendly_404_inside_the_layout(client_as):
    response = client_as(Role.STAF_DINAS).get("/tidak-ada/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert 'data-testid="nav-sections"' in html


def test_it_shows_a_friendly_403_to_a_role_without_access(client_as):
    response = client_as(Role.PENDAMPING_PDB).get(reverse("lending:index"))

    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_the_500_page_renders_without_a_request():
    # Django renders 500.html with an empty context when things are already broken.
    html = render_to_string("500.html")

    assert "Terjadi kesalahan" in html
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html


def test_the_admin_answers_a_nul_with_a_friendly_400(client_as):
    response = client_as(Role.ADMIN).get(reverse("admin:registry_umkm_changelist") + "?q=%00")

    assert response.status_code == 400
    assert 'data-testid="bad-request"' in response.content.decode()
