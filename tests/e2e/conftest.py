"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.
Playwright's own browser download does not work on these machines (no internet beyond the
package registries): Debian's chromium is launched instead (executable_path below)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.chromium import CHROMIUM
from tests.factories import TEST_PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture
def screenshot(page, request):
    """screenshot("after-login") saves a full-page PNG under test-artifacts/screenshots/."""

    def take(step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        test_name = re.sub(r"[^\w.-]+", "_", request.node.name)
        path = SCREENSHOTS / f"{test_name}--{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in_as(page, live_server, username: str, path: str) -> None:
    """Start a fresh session as `username` through the login page and land on `path`."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(f"{live_server.url}{path}")
