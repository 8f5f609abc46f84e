"""Demo users, one per role, for `seed_demo`. Fixed usernames and one shared password so
that the README can list them; never created where DEMO_DATA_ALLOWED is off."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from .models import User
from .roles import Role

DEMO_PASSWORD = "demo-cilegon-2026"  # noqa: S105 - printed on purpose, demo machines only


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role


DEMO_USERS = [
    DemoUser("admin", "Admin", "Portal", Role.ADMIN),
    DemoUser("staf.dinas", "Siti", "Rohmah", Role.STAF_DINAS),
    DemoUser("staf.upt", "Ahmad", "Fauzi", Role.STAF_UPT),
    DemoUser("kepala.upt", "Hendra", "Gunawan", Role.KEPALA_UPT),
    DemoUser("pendamping.ekonomi", "Nurul", "Hidayah", Role.PENDAMPING_EKONOMI),
    DemoUser("pendamping.pdb", "Rizki", "Maulana", Role.PENDAMPING_PDB),
    DemoUser("pimpinan", "Didin", "Maulana", Role.PIMPINAN),
    DemoUser("mitra.industri", "Bayu", "Pratama", Role.MITRA_INDUSTRI),
]


def seed_demo_users() -> list[User]:
    """Create or refresh the demo users; running it again changes nothing."""
    users = []
    for demo in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@demo.cilegon.local",
                "is_active": True,
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=demo.role.value)])
        users.append(user)
    return users


def demo_account(username: str) -> User:
    """A demo account by its username, made bare if seed_demo_users has not run (an app's
    demo seeded on its own, as the benchmarks do)."""
    user, _created = User.objects.get_or_create(username=username)
    return user


def demo_colleague(*, username: str, first_name: str, last_name: str, role: Role) -> User:
    """A colleague in the demo office (a mentor of another kelurahan): in their role's
    group, with no password, since only the demo accounts log in."""
    user = User.objects.create(username=username, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=role.value))
    return user
