import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import Kecamatan

pytestmark = pytest.mark.django_db


def test_it_lists_every_kecamatan_with_its_kelurahan(client_as, django_assert_max_num_queries):
    client = client_as(Role.STAF_DINAS)

    # session, user, permissions (2), groups for the menu, kecamatan, kelurahan: none per row.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("registry:wilayah"))

    html = response.content.decode()
    assert html.count('class="list-group-item') == 43
    for kecamatan in Kecamatan.objects.all():
        assert f"Kec. {kecamatan.name}" in html


def test_it_refuses_the_registry_to_a_mentor(client_as):
    assert client_as(Role.PENDAMPING_EKONOMI).get(reverse("registry:wilayah")).status_code == 403
