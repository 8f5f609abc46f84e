"""Four eyes in a browser. A reversal of last month's payment: staff request it on the loan
page, the Kepala UPT finds it on the lending index, approves it, and the loan's history
shows both steps. Approving against a "tidak layak" survey: the form asks for the reason,
the server refuses without one, and the reason is shown once approved."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lending.models import Application, Repayment, ReversalRequest
from lending.services import application_submit, application_survey
from tests.lending.factories import (
    People,
    ProductFactory,
    disbursed_loan,
    new_business,
    pay,
    survey_findings,
)

from .conftest import DESKTOP, PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_reversal_of_last_month_is_requested_then_approved(page, live_server, screenshot):
    people = People()
    today = timezone.localdate()
    loan = disbursed_loan(
        people, disbursed_on=today - timedelta(days=70), umkm=new_business(name="Toko Bu Siti")
    )
    last_month = today.replace(day=1) - timedelta(days=1)
    mistaken = pay(people, loan, 500_000, last_month, receipt_no="KW-LALU")

    # Staff: the one-step reversal is not offered; the request is.
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf.upt", loan.get_absolute_url())
    statement = page.get_by_test_id("statement")
    expect(statement.get_by_test_id("reverse")).to_have_count(0)
    statement.locator("summary").first.click()
    statement.locator("textarea[name=reason]").fill("Dibukukan ke pinjaman yang salah")
    screenshot("request-desktop")
    statement.get_by_test_id("request-reversal").click()
    expect(page.get_by_test_id("reversal-waiting")).to_be_visible()
    expect(page.get_by_test_id("loan-history")).to_contain_text("Dibukukan ke pinjaman yang salah")
    assert not Repayment.objects.filter(reverses=mistaken).exists()

    # The Kepala UPT, on a phone: the lending index lists it; approve.
    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "kepala", "/pinjaman/")
    waiting = page.get_by_test_id("open-reversals")
    expect(waiting).to_contain_text(loan.number)
    waiting.get_by_text(loan.number).click()
    expect(page.get_by_test_id("reversal-reason")).to_have_text("Dibukukan ke pinjaman yang salah")
    page.locator("#approve-note").fill("Sudah dicek dengan buku kas")
    screenshot("approve-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_test_id("approve-reversal").click()

    # Back on the loan page: the payment is struck out and both steps are in the history.
    expect(page.get_by_test_id("loan-history").get_by_test_id("reversal-decided")).to_contain_text(
        "Sudah dicek dengan buku kas"
    )
    expect(page.get_by_test_id("reversal-waiting")).to_have_count(0)
    request = ReversalRequest.objects.get()
    assert request.state == ReversalRequest.State.APPROVED
    assert request.reversal.reverses == mistaken
    assert request.decided_by == people.head
    expect(page.get_by_test_id("statement-row")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    screenshot("history-desktop")


def test_approving_against_the_survey_asks_for_the_reason(page, live_server, screenshot):
    people = People()
    application = application_submit(
        umkm=new_business(name="Bengkel Pak Udin"),
        product=ProductFactory(),
        amount=5_000_000,
        tenor_months=12,
        purpose="Kompresor",
        submitted_by=people.staff,
    )
    application_survey(
        application=application,
        surveyed_by=people.mentor,
        surveyed_on=timezone.localdate(),
        **survey_findings(recommendation="tidak_layak", capacity_note="Omzet turun"),
    )

    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "kepala", application.get_absolute_url())
    form = page.get_by_test_id("approve-form")
    reason = form.get_by_test_id("approval-reason-input")
    expect(reason).to_be_visible()
    expect(reason).to_have_attribute("required", "")

    # The browser asks for it; and without the browser's check the server refuses too.
    form.get_by_test_id("approve").click()
    expect(page.get_by_test_id("application-state")).to_have_text("disurvei")
    reason.evaluate("element => element.removeAttribute('required')")
    form.get_by_test_id("approve").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_test_id("application-state")).to_have_text("disurvei")
    application.refresh_from_db()
    assert application.state == Application.State.SURVEYED

    page.get_by_test_id("approval-reason-input").fill("Ada kontrak servis dengan pabrik baja")
    screenshot("reason-desktop")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("application-state")).to_have_text("disetujui")
    expect(page.get_by_test_id("approval-reason")).to_have_text(
        "Ada kontrak servis dengan pabrik baja"
    )
    page.set_viewport_size(PHONE)
    screenshot("reason-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
