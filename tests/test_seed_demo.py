import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from cilegon_umkm.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from cilegon_umkm.accounts.models import User
from cilegon_umkm.accounts.roles import Role
from mentoring.models import Referral, Visit
from registry.models import UMKM, Certification
from training.models import (
    Attendance,
    Certificate,
    Enrollment,
    FacilitatedCertification,
    ModuleResult,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _snapshot() -> tuple:
    users = list(
        User.objects.order_by("username").values_list(
            "username", "first_name", "last_name", "email", "groups__name"
        )
    )
    businesses = list(
        UMKM.objects.order_by("owner_nik", "name_key").values_list("owner_nik", "name", "nib")
    )
    counts = (UMKM.history.count(), Certification.objects.count(), Certification.history.count())
    return users, businesses, counts


def test_it_creates_one_demo_user_per_role_and_prints_the_logins(capsys):
    call_command("seed_demo", "--seed", "7", "--umkm", "200")

    out = capsys.readouterr().out
    assert {user.role for user in DEMO_USERS} == set(Role)
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(DEMO_PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == [demo.role.value]
        assert demo.username in out
    assert DEMO_PASSWORD in out


def test_it_changes_nothing_when_run_twice():
    call_command("seed_demo", "--seed", "7", "--umkm", "200")
    first = _snapshot()

    call_command("seed_demo", "--seed", "7", "--umkm", "200")

    assert _snapshot() == first
    assert Group.objects.count() == len(Role)


def test_it_repairs_a_demo_user_someone_changed():
    call_command("seed_demo", "--umkm", "20")
    user = User.objects.get(username="pimpinan")
    user.set_password("something-else-2026")
    user.save(update_fields=["password"])
    user.groups.clear()

    call_command("seed_demo", "--umkm", "20")

    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
    assert user.has_role(Role.PIMPINAN)


def test_it_refuses_to_run_where_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_it_creates_realistic_businesses_that_pass_the_registry_rules(capsys):
    call_command("seed_demo", "--seed", "3", "--umkm", "300")

    assert "300 created" in capsys.readouterr().out
    assert UMKM.objects.count() == 300
    sizes = set(UMKM.objects.values_list("size", flat=True))
    assert "mikro" in sizes
    assert UMKM.objects.values("kelurahan").distinct().count() > 30
    assert Certification.objects.filter(kind="pirt").exists()


def test_the_same_seed_gives_the_same_businesses():
    # No loans: they protect the businesses this test throws away.
    call_command("seed_demo", "--seed", "5", "--umkm", "50", "--loans", "0")
    first = set(UMKM.objects.values_list("owner_nik", "name"))
    Referral.objects.all().delete()
    Visit.objects.all().delete()
    for model in (FacilitatedCertification, Certificate, ModuleResult, Attendance, Enrollment):
        model.objects.all().delete()
    UMKM.objects.all().delete()

    call_command("seed_demo", "--seed", "5", "--umkm", "50", "--loans", "0")

    assert set(UMKM.objects.values_list("owner_nik", "name")) == first
