"""The portfolio on a phone: a large outstanding amount and the table by kecamatan fit a
360-pixel screen; the page never scrolls sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.lending.factories import People, disbursed_loan, new_business

from .conftest import PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_portfolio_fits_a_phone(page, live_server, screenshot):
    people = People()
    disbursed_loan(
        people,
        disbursed_on=timezone.localdate() - timedelta(days=40),
        umkm=new_business(name="Toko Bu Siti"),
    )

    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "kepala", "/pinjaman/portofolio/")
    expect(page.get_by_test_id("by-kecamatan")).to_be_visible()
    screenshot("portfolio-phone")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
