"""Each role sees exactly its sections in the menu, and exactly those pages open."""

import re

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role, Section
from cilegon_umkm.navigation import NAV_ITEMS

pytestmark = pytest.mark.django_db

# Written out here, apart from roles.py, so that a change of rights is a visible test change.
EXPECTED_SECTIONS = {
    Role.STAF_DINAS: {
        "registry",
        "lending",
        "mentoring",
        "referrals",
        "training",
        "directory",
        "dashboard",
        "admin",
    },
    Role.STAF_UPT: {"registry", "lending", "referrals", "dashboard", "admin"},
    # The back office: the Kepala keeps products, funds and the collectibility table.
    Role.KEPALA_UPT: {"registry", "lending", "mentoring", "dashboard", "admin"},
    Role.PENDAMPING_EKONOMI: {"field"},
    Role.PENDAMPING_PDB: {"field", "referrals"},
    Role.PIMPINAN: {"registry", "lending", "mentoring", "training", "directory", "dashboard"},
    Role.MITRA_INDUSTRI: {"directory"},
    Role.ADMIN: {
        "registry",
        "lending",
        "mentoring",
        "field",
        "referrals",
        "training",
        "directory",
        "dashboard",
        "admin",
    },
}


def _menu_sections(html: str) -> set[str]:
    menu = html.split('data-testid="nav-sections"', 1)[1].split("</ul>", 1)[0]
    return {value.removeprefix("open_") for value in re.findall(r'data-section="(\w+)"', menu)}


@pytest.mark.parametrize("role", list(Role))
def test_it_shows_each_role_exactly_its_sections(client_as, role):
    response = client_as(role).get(reverse("home"))

    assert response.status_code == 200
    assert _menu_sections(response.content.decode()) == EXPECTED_SECTIONS[role]


@pytest.mark.parametrize("role", list(Role))
def test_it_opens_exactly_the_sections_in_the_menu(client_as, role):
    client = client_as(role)
    for item in NAV_ITEMS:
        allowed = item.section.value.removeprefix("open_") in EXPECTED_SECTIONS[role]
        status = client.get(reverse(item.url_name)).status_code
        if item.section == Section.ADMIN:
            # The admin answers a user without access with its own login page.
            assert (status == 200) == allowed, (role, item.url_name, status)
        else:
            assert status == (200 if allowed else 403), (role, item.url_name, status)


def test_it_shows_the_roles_of_a_person_with_two_roles(client_as):
    response = client_as(Role.STAF_UPT, Role.KEPALA_UPT).get(reverse("home"))

    html = response.content.decode()
    assert _menu_sections(html) == {
        "registry",
        "lending",
        "mentoring",
        "referrals",
        "dashboard",
        "admin",
    }
    assert "Kepala UPT PDB, Staf UPT PDB" in html


def test_it_tells_a_user_without_roles_to_ask_for_one(client_as):
    response = client_as().get(reverse("home"))

    assert _menu_sections(response.content.decode()) == set()
    assert "Anda belum memiliki peran" in response.content.decode()


def test_it_marks_the_current_section_in_the_menu(client_as):
    html = client_as(Role.PENDAMPING_EKONOMI).get(reverse("mentoring:field")).content.decode()

    active = re.search(r'class="nav-link[^"]* active" aria-current="page"\s+href="([^"]+)"', html)
    assert active.group(1) == reverse("mentoring:field")
