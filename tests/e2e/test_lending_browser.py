"""A loan's whole path in a browser: staff submit an application for a registered business,
the pendamping PDB records the survey on a phone, the Kepala UPT approves, staff disburse
and post the first installment at the repayment desk. A form posted twice is counted once."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lending.models import Application, FundEntry, Loan, Repayment
from lending.services import fund_balances
from registry.models import Sex
from tests.factories import TEST_PASSWORD
from tests.lending.conftest import people  # noqa: F401  (the lending personas)
from tests.lending.factories import ProductFactory, disbursed_loan, fund_with_capital, new_business
from tests.mentoring.factories import MentorFactory, assign

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SITI_NIK = "3672015506850001"


def _log_in(page, live_server, username: str, path: str) -> None:
    """Open `path`, get sent to the login form, log in and land back on `path`."""
    page.goto(f"{live_server.url}{path}")
    expect(page).to_have_url(f"{live_server.url}/masuk/?next={path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(f"{live_server.url}{path}")


def _switch_user(page, live_server, username: str, path: str) -> None:
    page.context.clear_cookies()
    _log_in(page, live_server, username, path)


def test_a_loan_from_application_to_the_first_installment(
    page, live_server, screenshot, people  # noqa: F811
):
    today = timezone.localdate()
    fund = fund_with_capital(amount=50_000_000, name="Dana Bergulir APBD")
    product = ProductFactory(name="Dana Bergulir 2025", fund=fund, tenors=[6, 12])
    siti = new_business(
        name="Warung Bu Siti", owner_name="Siti Aminah", owner_nik=SITI_NIK, owner_sex=Sex.FEMALE
    )
    assign(MentorFactory(user=people.mentor), kelurahan=siti.kelurahan)
    # Another borrower named Aminah with a running loan: the desk's name search lists both.
    nur_loan = disbursed_loan(
        people,
        disbursed_on=today,
        product=product,
        amount=5_000_000,
        umkm=new_business(name="Kedai Kopi Nur", owner_name="Nur Aminah"),
    )

    # 1. Staff find the business in the registry and submit the application.
    page.set_viewport_size(DESKTOP)
    _log_in(page, live_server, "staf.upt", "/pinjaman/pengajuan/baru/")
    expect(page.get_by_role("heading", name="Permohonan pinjaman baru")).to_be_visible()
    search = page.get_by_placeholder("Nama usaha, pemilik, NIK, NIB, atau HP")
    search.fill("siti aminah")
    search.press("Enter")
    page.get_by_test_id("business-results").get_by_role("link", name="Warung Bu Siti").click()

    expect(page).to_have_url(f"{live_server.url}/pinjaman/pengajuan/baru/{siti.pk}/")
    expect(page.get_by_role("heading", name="Permohonan pinjaman untuk Warung Bu Siti")).to_be_visible()
    page.get_by_label("Produk").select_option(label="Dana Bergulir 2025")
    page.get_by_label("Jumlah (Rp)").fill("10.000.000")
    page.get_by_label("Jangka waktu (bulan)").select_option("12")
    page.get_by_label("Penggunaan pinjaman").fill("Etalase baru dan bahan baku nasi uduk")
    screenshot("1-application-form")
    page.get_by_role("button", name="Ajukan permohonan").click()

    application = Application.objects.get(umkm=siti)
    detail = f"/pinjaman/pengajuan/{application.pk}/"
    expect(page).to_have_url(f"{live_server.url}{detail}")
    expect(page.get_by_role("alert")).to_contain_text(
        f"Permohonan {application.number} telah diajukan."
    )
    expect(page.get_by_test_id("application-state")).to_have_text("diajukan")
    expect(page.locator("main")).to_contain_text("Rp10.000.000 · 12 bulan")

    # 2. The pendamping PDB of the area records the survey on a phone.
    page.set_viewport_size(PHONE)
    _switch_user(page, live_server, "pdb", "/pendampingan/lapangan/")
    surveys = page.get_by_test_id("surveys-waiting")
    expect(surveys).to_contain_text("1")
    surveys.click()
    queue = page.get_by_test_id("survey-queue")
    expect(queue).to_contain_text("Rp10.000.000")
    queue.get_by_role("link", name=re.compile("Warung Bu Siti")).click()

    expect(page).to_have_url(f"{live_server.url}/pendampingan/lapangan/survei/{application.pk}/")
    expect(page.get_by_label("Tanggal survei")).to_have_value(today.isoformat())
    page.get_by_label("Kondisi usaha").fill("Warung ramai pagi dan siang, stok cukup")
    page.get_by_label("Penggunaan dana").fill("Etalase kaca dan beras untuk sebulan")
    page.get_by_label("Pendapatan bersih per bulan (Rp)").fill("2.500.000")
    page.get_by_label("Kemampuan membayar").fill("Sanggup Rp833.000 per bulan")
    page.get_by_label("Rekomendasi").select_option(label="layak")
    screenshot("2-survey-phone")
    page.get_by_role("button", name="Simpan survei").click()

    expect(page).to_have_url(f"{live_server.url}/pendampingan/lapangan/survei/")
    expect(page.get_by_role("alert")).to_contain_text(
        "Survei tercatat; permohonan menunggu keputusan."
    )
    expect(page.get_by_test_id("survey-queue")).not_to_contain_text("Warung Bu Siti")
    screenshot("2-survey-saved-phone")

    # 3. The Kepala UPT (who neither submitted nor surveyed it) approves it.
    page.set_viewport_size(DESKTOP)
    _switch_user(page, live_server, "kepala", "/pinjaman/")
    page.get_by_role("link", name=re.compile("Warung Bu Siti")).click()
    expect(page).to_have_url(f"{live_server.url}{detail}")
    expect(page.get_by_test_id("application-state")).to_have_text("disurvei")
    expect(page.locator("main")).to_contain_text("Rp2.500.000")
    expect(page.locator("main")).to_contain_text("Sanggup Rp833.000 per bulan")
    page.get_by_label("Catatan (opsional)").fill("Layak sesuai survei")
    page.get_by_test_id("approve").click()

    expect(page.get_by_role("alert")).to_contain_text("Permohonan disetujui; dana dapat dicairkan.")
    expect(page.get_by_test_id("application-state")).to_have_text("disetujui")
    # Disbursing is the staff's (the roles' table): the Kepala is not offered the button.
    expect(page.get_by_test_id("disburse")).to_have_count(0)
    screenshot("3-approved")

    # 4. Staff disburse it.
    _switch_user(page, live_server, "staf.upt", detail)
    expect(page.get_by_label("Tanggal pencairan")).to_have_value(today.isoformat())
    disburse = page.get_by_test_id("disburse")
    expect(disburse).to_have_text("Cairkan Rp10.000.000")
    disburse.click()

    loan = Loan.objects.get(umkm=siti)
    loan_page = f"{live_server.url}/pinjaman/pinjaman/{loan.pk}/"
    expect(page).to_have_url(loan_page)
    expect(page.get_by_role("alert")).to_contain_text(f"Pinjaman {loan.number} telah dicairkan.")
    expect(page.get_by_test_id("loan-status")).to_have_text("aktif")
    expect(page.get_by_test_id("principal-outstanding")).to_have_text("Rp10.000.000")
    schedule = page.get_by_test_id("schedule").locator("tbody tr")
    expect(schedule).to_have_count(12)
    expect(schedule.first).to_contain_text("Rp833.000")
    expect(schedule.first).to_contain_text("belum jatuh tempo")
    expect(schedule.last).to_contain_text("Rp837.000")

    # 5. The repayment desk: by name both Aminah's loans are listed; by NIK or by loan
    # number the one loan opens straight away.
    page.goto(f"{live_server.url}/pinjaman/")
    page.get_by_test_id("repayment-desk").click()
    expect(page).to_have_url(f"{live_server.url}/pinjaman/angsuran/")
    lookup = page.get_by_placeholder("Nama peminjam, NIK atau nomor pinjaman")
    lookup.fill("aminah")
    lookup.press("Enter")
    found = page.locator("main .list-group a")
    expect(found).to_have_count(2)
    expect(found.filter(has_text="Nur Aminah")).to_contain_text(nur_loan.number)
    expect(found.filter(has_text="Siti Aminah")).to_contain_text(loan.number)
    repayment_form = f"{live_server.url}/pinjaman/angsuran/pinjaman/{loan.pk}/"
    for term in (SITI_NIK, loan.number):
        page.goto(f"{live_server.url}/pinjaman/angsuran/")
        page.get_by_placeholder("Nama peminjam, NIK atau nomor pinjaman").fill(term)
        page.get_by_role("button", name="Cari").click()
        expect(page).to_have_url(repayment_form)

    form = page.get_by_test_id("repayment-form")
    expect(page.get_by_test_id("due-now")).to_have_text("Rp0")
    expect(form.get_by_label("Jumlah diterima (Rp)")).to_have_value("833.000")
    form.get_by_label("Jumlah diterima (Rp)").fill("833.000")
    form.get_by_label("Tanggal bayar").fill(today.isoformat())
    form.get_by_label("Nomor kuitansi").fill("KW-2025-0001")
    form.get_by_label("Cara bayar").select_option(label="transfer bank")
    screenshot("5-repayment-form")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.get_by_test_id("submit-repayment").dblclick()

    expect(page).to_have_url(re.compile(r"/pinjaman/angsuran/\d+/kuitansi/$"))
    repayment = Repayment.objects.get(loan=loan)
    print(posts)
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_contain_text("KUITANSI")
    expect(page.get_by_test_id("receipt-amount")).to_have_text("Rp833.000")
    expect(receipt).to_contain_text("Siti Aminah (Warung Bu Siti)")
    expect(receipt).to_contain_text(loan.number)
    screenshot("5-receipt")

    print("token after post", Repayment.objects.get(loan=loan).client_token)
    page.go_back()
    print(page.url)
    print("token on back", page.locator("[name=client_token]").input_value())
    screenshot("x-back")
    page.get_by_test_id("submit-repayment").click()
    print(page.url)
    print(posts)
    assert Repayment.objects.filter(loan=loan).count() == 1
