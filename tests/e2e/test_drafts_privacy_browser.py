"""Nothing personal stays on a phone: a field form's draft keeps what was typed except the
NIK, the NIB and the phone number, and logging out removes every draft."""

import json

import pytest
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from mentoring.models import MentorKind
from tests.factories import UserFactory
from tests.lending.factories import new_business
from tests.mentoring.factories import MentorFactory, assign

from .conftest import PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('umkm-draft:'))"


def test_a_draft_keeps_no_nik_nib_or_phone_and_logging_out_clears_it(page, live_server, screenshot):
    umkm = new_business(name="Katering Bu Yati")
    mentor = MentorFactory(
        user=UserFactory(username="nurul", roles=[Role.PENDAMPING_EKONOMI]),
        kind=MentorKind.EKONOMI,
    )
    assign(mentor, kelurahan=umkm.kelurahan)
    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "nurul", "/pendampingan/lapangan/usaha/baru/")

    page.locator("[name=name]").fill("Warung Baru Bu Ani")
    page.locator("[name=owner_nik]").fill("3672015506850001")
    page.locator("[name=owner_phone]").fill("081234567890")
    page.locator("[name=name]").press("End")  # one more input event after the last field

    (key,) = page.evaluate(DRAFTS)
    fields = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))["fields"]
    assert fields["name"] == ["Warung Baru Bu Ani"]
    assert not {"owner_nik", "nib", "owner_phone"} & set(fields)
    assert "3672015506850001" not in page.evaluate("JSON.stringify(localStorage)")
    screenshot("draft-without-nik")

    page.locator(".navbar-toggler").click()  # the phone's menu
    page.get_by_test_id("account-menu").click()
    page.get_by_test_id("logout").click()
    expect(page).to_have_url(f"{live_server.url}/masuk/")

    assert page.evaluate(DRAFTS) == []
