import pytest
from django.contrib.auth.models import Group, Permission

from cilegon_umkm.accounts.roles import ALL_PERMISSIONS, ROLE_PERMISSIONS, Role, sync_role_groups

pytestmark = pytest.mark.django_db


def _codenames(group: Group) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_it_has_a_group_for_every_role_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) == {role.value for role in Role}


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMIN])
def test_it_gives_each_group_exactly_the_permissions_of_its_role(role):
    # Every permission named in roles.py must exist: a typo or a forgotten model fails here.
    assert _codenames(Group.objects.get(name=role.value)) == ROLE_PERMISSIONS[role]


def test_it_gives_the_admin_group_every_permission():
    assert ROLE_PERMISSIONS[Role.ADMIN] == ALL_PERMISSIONS
    admin_group = Group.objects.get(name=Role.ADMIN.value)
    assert admin_group.permissions.count() == Permission.objects.count()


def test_it_restores_a_group_that_someone_emptied():
    from django.apps import apps

    group = Group.objects.get(name=Role.STAF_UPT.value)
    group.permissions.clear()

    sync_role_groups(apps)

    assert _codenames(group) == ROLE_PERMISSIONS[Role.STAF_UPT]


def test_it_keeps_mentors_away_from_every_office_section(make_user):
    mentor = make_user(Role.PENDAMPING_EKONOMI, Role.PENDAMPING_PDB)

    sections = {p for p in mentor.get_all_permissions() if p.startswith("accounts.")}
    # Their field forms, and the referral inbox (which shows only their own areas).
    assert sections == {"accounts.open_field", "accounts.open_referrals"}
    assert not any(p.startswith("registry.") for p in mentor.get_all_permissions())
