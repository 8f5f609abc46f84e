import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.STAF_DINAS, Role.STAF_UPT, Role.KEPALA_UPT, Role.ADMIN])
def test_it_opens_the_branded_admin_to_office_roles_without_is_staff(client_as, role):
    response = client_as(role, is_staff=False).get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Dinas Koperasi dan UMKM Kota Cilegon" in response.content.decode()


@pytest.mark.parametrize("role", [Role.PENDAMPING_EKONOMI, Role.PIMPINAN])
def test_it_keeps_other_roles_out_of_the_admin(client_as, role):
    response = client_as(role).get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_it_lets_office_staff_browse_but_not_edit_the_geography(client_as):
    client = client_as(Role.STAF_DINAS)

    assert client.get(reverse("admin:registry_kelurahan_changelist")).status_code == 200
    assert client.get(reverse("admin:registry_kelurahan_add")).status_code == 403
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_it_lets_the_admin_role_manage_users(client_as):
    client = client_as(Role.ADMIN)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200
