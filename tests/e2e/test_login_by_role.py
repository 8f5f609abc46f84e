"""Each demo role logs in on a phone and on a desktop and sees exactly its sections."""

import re

import pytest
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from tests.factories import TEST_PASSWORD, UserFactory
from tests.test_navigation import EXPECTED_SECTIONS

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/masuk/?next=/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("user-roles")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.name.lower())
def test_each_role_sees_its_sections(page, live_server, screenshot, role, viewport):
    UserFactory(username="demo", first_name="Demo", last_name="Pengguna", roles=[role])
    page.set_viewport_size(viewport)

    _log_in(page, live_server, "demo")

    menu_toggle = page.get_by_role("button", name="Buka menu")
    if viewport is PHONE:
        # On a phone the menu is folded away behind the toggle until tapped.
        expect(page.get_by_test_id("nav-sections")).to_be_hidden()
        menu_toggle.click()
        # Wait for the unfolding to finish, or the screenshot catches it half-way.
        expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    else:
        expect(menu_toggle).to_be_hidden()
    sections = page.get_by_test_id("nav-sections").locator("a[data-section]")
    expect(sections.first).to_be_visible()
    shown = {value.removeprefix("open_") for value in _attributes(sections, "data-section")}
    assert shown == EXPECTED_SECTIONS[role]
    screenshot("menu")

    # The home page offers the same sections as cards, each one opening.
    cards = page.get_by_test_id("home-sections").locator("a[data-section]")
    assert {v.removeprefix("open_") for v in _attributes(cards, "data-section")} == shown


def _attributes(locator, name: str) -> list[str]:
    return [locator.nth(i).get_attribute(name) for i in range(locator.count())]


def test_a_wrong_password_shows_an_indonesian_message_on_a_phone(page, live_server, screenshot):
    UserFactory(username="siti", roles=[Role.STAF_DINAS])
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill("siti")
    page.get_by_label("Kata sandi").fill("salah-sandi")
    page.get_by_role("button", name="Masuk").click()

    expect(page.get_by_test_id("login-error")).to_contain_text("nama pengguna dan kata sandi")
    screenshot("login-error")


def test_a_user_switches_to_english_and_logs_out(page, live_server, screenshot):
    UserFactory(username="pimpinan", first_name="Didin", last_name="Maulana", roles=[Role.PIMPINAN])
    page.set_viewport_size(DESKTOP)
    _log_in(page, live_server, "pimpinan")

    page.get_by_test_id("account-menu").click()
    page.locator("#language-menu").select_option("en")  # submits by itself (portal.js)

    expect(page.get_by_role("heading", name="Welcome, Didin Maulana")).to_be_visible()
    expect(page.get_by_test_id("nav-sections")).to_contain_text("UMKM registry")
    screenshot("english")

    page.get_by_test_id("account-menu").click()
    page.get_by_test_id("logout").click()
    expect(page).to_have_url(f"{live_server.url}/masuk/")
    expect(page.get_by_role("alert")).to_contain_text("You have logged out.")
