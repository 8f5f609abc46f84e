"""The repayment desk in a real browser: the Back button and a second tab cannot post the same
money twice without the cashier confirming, and the kuitansi prints on one A5 or A4 page with
its number, the amount in words and the signatures, without the portal around it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lending.models import Repayment
from tests.lending.factories import People, disbursed_loan

from .conftest import DESKTOP, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _confirm_box(page):
    return page.get_by_test_id("repayment-form").locator("input[name=confirm]")


@pytest.fixture
def loan():
    """Rp10.000.000 over 12 months, disbursed today by staf.upt (11 x Rp833.000)."""
    return disbursed_loan(People(), disbursed_on=timezone.localdate())


def test_back_and_submit_again_posts_nothing_without_a_confirmation(page, live_server, loan):
    form_path = f"/pinjaman/angsuran/pinjaman/{loan.pk}/"
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf.upt", form_path)
    expect(page.get_by_label("Jumlah diterima (Rp)")).to_have_value("833.000")
    page.get_by_test_id("submit-repayment").click()  # no receipt number: the series gives one
    expect(page.get_by_test_id("receipt-number")).to_have_text(
        f"KW/{timezone.localdate().year}/000001"
    )

    page.go_back()
    expect(page).to_have_url(f"{live_server.url}{form_path}")
    page.get_by_label("Jumlah diterima (Rp)").fill("833.000")
    page.get_by_test_id("submit-repayment").click()

    # Refused: the desk shows the payment just posted and asks.
    expect(page.get_by_test_id("form-error")).to_be_visible()
    expect(page.get_by_test_id("latest-postings")).to_contain_text("Rp833.000")
    expect(page.get_by_test_id("latest-postings")).to_contain_text("KW/")
    assert Repayment.objects.filter(loan=loan).count() == 1

    # Only an explicit confirmation posts a second payment.
    _confirm_box(page).check()
    page.get_by_test_id("submit-repayment").click()
    expect(page.get_by_test_id("receipt-number")).to_have_text(
        f"KW/{timezone.localdate().year}/000002"
    )
    assert Repayment.objects.filter(loan=loan).count() == 2


def test_two_tabs_the_second_sees_the_first_payment_and_the_new_balance(page, live_server, loan):
    form_path = f"/pinjaman/angsuran/pinjaman/{loan.pk}/"
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf.upt", form_path)
    second = page.context.new_page()
    second.goto(f"{live_server.url}{form_path}")
    expect(second.get_by_text("Rp10.000.000").first).to_be_visible()

    page.get_by_label("Nomor kuitansi").fill("KW-TAB-1")
    page.get_by_test_id("submit-repayment").click()
    expect(page.get_by_test_id("receipt-amount")).to_have_text("Rp833.000")

    second.get_by_label("Nomor kuitansi").fill("KW-TAB-2")
    second.get_by_test_id("submit-repayment").click()

    latest = second.get_by_test_id("latest-postings")
    expect(latest).to_contain_text("KW-TAB-1")
    expect(latest).to_contain_text("Rp833.000")
    expect(second.locator("main")).to_contain_text("Rp9.167.000")  # all still owed, now
    expect(_confirm_box(second)).not_to_be_checked()
    assert Repayment.objects.filter(loan=loan).count() == 1

    _confirm_box(second).check()
    second.get_by_test_id("submit-repayment").click()
    expect(second.get_by_test_id("receipt-number")).to_have_text("KW-TAB-2")
    assert list(
        Repayment.objects.filter(loan=loan).order_by("id").values_list("receipt_no", flat=True)
    ) == ["KW-TAB-1", "KW-TAB-2"]


@pytest.mark.parametrize("paper", ["A5", "A4"])
def test_the_kuitansi_prints_on_one_page(page, live_server, loan, paper):
    form_path = f"/pinjaman/angsuran/pinjaman/{loan.pk}/"
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf.upt", form_path)
    page.get_by_test_id("submit-repayment").click()
    expect(page.get_by_test_id("receipt-amount")).to_have_text("Rp833.000")

    page.emulate_media(media="print")

    expect(page.get_by_test_id("receipt-number")).to_be_visible()
    expect(page.get_by_test_id("receipt-terbilang")).to_have_text(
        re.compile("delapan ratus tiga puluh tiga ribu rupiah", re.I)
    )
    expect(page.get_by_test_id("receipt-signatures")).to_be_visible()
    expect(page.get_by_test_id("receipt-balance")).to_be_visible()
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.get_by_test_id("receipt-actions")).to_be_hidden()
    expect(page.get_by_role("alert")).to_be_hidden()  # "Repayment posted."
    pdf = page.pdf(format=paper, print_background=False)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
