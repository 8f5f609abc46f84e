"""A loan's whole path in a browser: staff apply for a registered business, the area's
pendamping PDB surveys it on a phone, the Kepala UPT approves, staff disburse and post the
first repayment at the counter; a double click or a retried request does not post it twice."""

import pytest
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from lending.models import Application, FundEntry, Loan, Repayment
from tests.factories import TEST_PASSWORD, UserFactory
from tests.lending.factories import ProductFactory, new_business
from tests.mentoring.factories import MentorFactory, assign

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in_as(page, live_server, username: str, path: str) -> None:
    """Start a fresh session as `username` and land on `path`."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(f"{live_server.url}{path}")


def test_apply_survey_approve_disburse_repay(page, live_server, screenshot):
    UserFactory(username="staf", roles=[Role.STAF_UPT])
    UserFactory(username="kepala", roles=[Role.KEPALA_UPT])
    umkm = new_business(name="Warung Nasi Bu Entin", owner_name="Entin Rahmawati")
    mentor = MentorFactory(user=UserFactory(username="rizki", roles=[Role.PENDAMPING_PDB]))
    assign(mentor, kelurahan=umkm.kelurahan)
    ProductFactory(name="Dana Bergulir 2025", tenors=[12])

    # Staff find the business in the registry and file the application.
    page.set_viewport_size(DESKTOP)
    _log_in_as(page, live_server, "staf", "/pinjaman/pengajuan/baru/")
    page.get_by_role("searchbox").fill("entin")
    page.get_by_role("button", name="Cari").click()
    page.get_by_test_id("business-results").get_by_text("Warung Nasi Bu Entin").click()
    page.get_by_label("Produk").select_option(label="Dana Bergulir 2025")
    page.get_by_label("Jumlah (Rp)").fill("5.000.000")
    page.get_by_label("Jangka waktu (bulan)").select_option("12")
    page.get_by_label("Penggunaan pinjaman").fill("Tambah etalase dan bahan baku")
    page.get_by_role("button", name="Ajukan permohonan").click()
    expect(page.get_by_test_id("application-state")).to_have_text("diajukan")
    application = Application.objects.get()

    # The area's pendamping PDB records the survey on the phone.
    page.set_viewport_size(PHONE)
    _log_in_as(page, live_server, "rizki", "/pendampingan/lapangan/")
    expect(page.get_by_test_id("surveys-waiting")).to_contain_text("1")
    page.get_by_test_id("surveys-waiting").click()
    page.get_by_text("Warung Nasi Bu Entin").click()
    page.get_by_label("Kondisi usaha").fill("Warung ramai setiap pagi, tempat milik sendiri")
    page.get_by_label("Penggunaan dana").fill("Etalase kaca dan stok beras")
    page.get_by_label("Pendapatan bersih per bulan (Rp)").fill("2.500.000")
    page.get_by_label("Kemampuan membayar").fill("Sanggup Rp450.000 per bulan")
    page.get_by_label("Rekomendasi").select_option("layak")
    screenshot("survey-phone")
    page.get_by_role("button", name="Simpan survei").click()
    expect(page.get_by_role("alert")).to_contain_text("Survei tercatat")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The Kepala UPT approves; staff disburse.
    page.set_viewport_size(DESKTOP)
    _log_in_as(page, live_server, "kepala", f"/pinjaman/pengajuan/{application.pk}/")
    expect(page.get_by_test_id("events")).to_contain_text("Disurvei")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("application-state")).to_have_text("disetujui")
    _log_in_as(page, live_server, "staf", f"/pinjaman/pengajuan/{application.pk}/")
    page.get_by_test_id("disburse").click()
    loan = Loan.objects.get()
    expect(page).to_have_url(f"{live_server.url}/pinjaman/pinjaman/{loan.pk}/")
    expect(page.get_by_test_id("principal-outstanding")).to_have_text("Rp5.000.000")

    # At the counter: find the loan by the borrower's name, post the first installment.
    page.goto(f"{live_server.url}/pinjaman/angsuran/?q=Entin")
    expect(page).to_have_url(f"{live_server.url}/pinjaman/angsuran/pinjaman/{loan.pk}/")
    expect(page.get_by_label("Jumlah diterima (Rp)")).to_have_value("417.000")
    page.get_by_label("Nomor kuitansi").fill("KW-0001")
    form_url = page.url
    sent = {
        name: page.get_by_test_id("repayment-form").locator(f"[name={name}]").input_value()
        for name in ("csrfmiddlewaretoken", "client_token", "amount", "paid_on", "receipt_no")
    }
    # An impatient double click posts once: the button locks after the first submit.
    page.get_by_test_id("submit-repayment").dblclick()
    expect(page.get_by_test_id("receipt-amount")).to_have_text("Rp417.000")
    screenshot("receipt")
    assert Repayment.objects.count() == 1

    # A retried request (the same form sent again, as a flaky connection would) is
    # recognised by its token: it answers with the first receipt and posts nothing.
    retry = page.request.post(form_url, form={**sent, "channel": "tunai"})
    assert retry.url == page.url
    assert Repayment.objects.count() == 1

    page.goto(f"{live_server.url}/pinjaman/pinjaman/{loan.pk}/")
    expect(page.get_by_test_id("principal-outstanding")).to_have_text("Rp4.583.000")
    expect(page.get_by_test_id("statement")).to_contain_text("KW-0001")
    kinds = set(FundEntry.objects.filter(loan=loan).values_list("kind", flat=True))
    assert kinds == {FundEntry.Kind.DISBURSEMENT, FundEntry.Kind.PRINCIPAL_REPAID}
