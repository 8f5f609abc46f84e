"""The office's day in one browser story, each step as the role that does it: staf dinas
import a spreadsheet of businesses; the kelurahan's pendamping ekonomi visits one on a phone
and refers it for capital; UPT PDB take the referral up as a loan application, the area's
pendamping PDB surveys it on a phone, the Kepala UPT approves, staff disburse and post two
installments (the second by an impatient double click, counted once); the leadership
dashboard moves by exactly the loan and the visit; another imported business goes through a
training to its certificate, and anyone can verify that certificate without logging in."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from lending.models import Application, Loan, Repayment
from mentoring.models import MentorKind, Referral, Visit
from registry.models import UMKM, ImportBatch, Kelurahan
from tests.factories import UserFactory
from tests.lending.factories import ProductFactory, fund_with_capital
from tests.mentoring.factories import MentorFactory, assign
from tests.registry.importing import xlsx_bytes
from tests.training.factories import CohortFactory
from training.models import Certificate

from .conftest import DESKTOP, PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CAPITAL = 50_000_000
LOAN = 6_000_000  # 12 months at no jasa: Rp500.000 a month
INSTALLMENT = 500_000
# What the dashboard's headline cards show; the story checks how they move.
# The office's spreadsheet: two businesses in Cibeber, one in Ketileng (another kecamatan).
IMPORT_HEADER = ["nama_usaha", "nama_pemilik", "nik", "kelurahan", "no_hp"]
IMPORT_ROWS = [
    ["Warung Bu Siti", "Siti Aminah", "3672015506850001", "Cibeber", "0812-3456-7890"],
    ["Katering Bu Yati", "Yati Suryani", "3672014708880003", "Cibeber", "0813 1111 2222"],
    ["Bengkel Motor Jaya", "Joko Susilo", "3672011203800002", "Ketileng", "081298765432"],
]
FIGURES = ("registered", "disbursed", "outstanding", "available", "waiting", "visits")


def _number(text: str) -> int:
    """A figure as the page writes it ("Rp5.000.000", "1.234") back to an int."""
    return int(re.sub(r"[^\d]", "", text))


def _dashboard_figures(page, live_server) -> dict[str, int]:
    """The pimpinan's overview, computed afresh: the dashboard keeps its figures for five
    minutes in the process's cache, which the live server shares with the test."""
    cache.clear()
    log_in_as(page, live_server, "pimpinan", "/dasbor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ringkasan kinerja Dinas")
    return {key: _number(page.get_by_test_id(key).inner_text()) for key in FIGURES}


def _no_page_wide_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _post_repayment(page, live_server, loan: Loan, receipt_no: str, *, double_click=False):
    """At the counter: the loan's repayment form, the installment it offers, one submit (or
    an impatient double click); returns the form's POSTs the browser sent."""
    form_url = f"{live_server.url}/pinjaman/angsuran/pinjaman/{loan.pk}/"
    page.goto(form_url)
    form = page.get_by_test_id("repayment-form")
    amount, confirm = form.get_by_label("Jumlah diterima (Rp)"), form.locator("[name=confirm]")
    if confirm.count():
        # A payment minutes ago: the desk offers no amount and asks to confirm another one.
        expect(amount).to_have_value("")
        amount.fill("500.000")
        confirm.check()
    else:
        expect(amount).to_have_value("500.000")
    form.get_by_label("Nomor kuitansi").fill(receipt_no)
    posts = []

    def keep(request):
        if request.method == "POST":
            posts.append(request.url)

    page.on("request", keep)
    submit = page.get_by_test_id("submit-repayment")
    submit.dblclick() if double_click else submit.click()
    expect(page).to_have_url(re.compile(r"/pinjaman/angsuran/\d+/kuitansi/$"))
    expect(page.get_by_test_id("receipt-amount")).to_have_text("Rp500.000")
    expect(page.get_by_test_id("receipt")).to_contain_text(receipt_no)
    page.remove_listener("request", keep)
    return posts


def test_the_office_day_from_import_to_certificate(
    page, live_server, screenshot, settings, tmp_path, time_machine
):
    # Monday 4 August 2025, 08:00 in Cilegon; the clock keeps ticking for the browser.
    time_machine.move_to("2025-08-04 08:00:00+07:00", tick=True)
    settings.MEDIA_ROOT = tmp_path / "media"
    today = date(2025, 8, 4)
    cibeber = Kelurahan.objects.get(name="Cibeber")
    # The people of the day, one per role.
    UserFactory(username="dinas", roles=[Role.STAF_DINAS])
    UserFactory(username="upt", roles=[Role.STAF_UPT])
    UserFactory(username="kepala", roles=[Role.KEPALA_UPT])
    UserFactory(username="pimpinan", roles=[Role.PIMPINAN])
    ekonomi = MentorFactory(
        user=UserFactory(username="nurul", roles=[Role.PENDAMPING_EKONOMI]),
        kind=MentorKind.EKONOMI,
    )
    pdb = MentorFactory(
        user=UserFactory(username="rizki", roles=[Role.PENDAMPING_PDB]),
        kind=MentorKind.PDB,
    )
    assign(ekonomi, kelurahan=cibeber)
    assign(pdb, kelurahan=cibeber)
    fund = fund_with_capital(amount=CAPITAL, name="Dana Bergulir APBD")
    ProductFactory(name="Dana Bergulir 2025", fund=fund, tenors=[6, 12])
    cohort = CohortFactory(
        name="Jasa Boga Angkatan 3",
        starts_on=date(2025, 8, 5),
        ends_on=date(2025, 8, 7),
    )
    page.set_viewport_size(DESKTOP)

    # 0. The leadership's first look, before anything happened today.
    before = _dashboard_figures(page, live_server)
    assert before == {
        "registered": 0,
        "disbursed": 0,
        "outstanding": 0,
        "available": CAPITAL,
        "waiting": 0,
        "visits": 0,
    }
    screenshot("00-dashboard-before")

    # 1. Staf dinas import the office's spreadsheet: preview first, then apply.
    upload = tmp_path / "umkm-kelurahan-cibeber.xlsx"
    upload.write_bytes(xlsx_bytes([IMPORT_HEADER, *IMPORT_ROWS]))
    log_in_as(page, live_server, "dinas", "/registri/impor/")
    page.get_by_label("Lembar kerja (CSV atau XLSX)").set_input_files(upload)
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    expect(page).to_have_url(re.compile(r"/registri/impor/\d+/$"))
    expect(page.get_by_test_id("batch-state")).to_have_text("pratinjau")
    expect(page.get_by_test_id("count-created")).to_have_text("3")
    expect(page.get_by_test_id("count-rejected")).to_have_text("0")
    assert not UMKM.objects.exists()  # a preview writes nothing
    page.get_by_test_id("apply-import").click()
    expect(page.get_by_test_id("batch-state")).to_have_text("diterapkan")
    expect(page.get_by_role("alert")).to_contain_text("Impor selesai: 3 baru")
    screenshot("01-import")
    assert ImportBatch.objects.get().state == ImportBatch.State.APPLIED
    siti = UMKM.objects.get(name="Warung Bu Siti")
    yati = UMKM.objects.get(name="Katering Bu Yati")
    assert (siti.kelurahan, siti.owner_phone) == (cibeber, "+6281234567890")

    # 2. The pendamping ekonomi of Cibeber, on a phone: a visit, then a referral for capital.
    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "nurul", "/pendampingan/lapangan/")
    page.get_by_test_id("my-businesses-link").click()
    mine = page.get_by_test_id("my-businesses")
    expect(mine).to_contain_text("Katering Bu Yati")
    expect(mine).not_to_contain_text("Bengkel Motor Jaya")  # Ketileng is not her area
    mine.get_by_text("Warung Bu Siti").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("Terdaftar")
    page.get_by_test_id("record-visit").click()
    page.get_by_text("pendampingan usaha", exact=True).click()
    page.get_by_label("Apa temuan Anda?").fill("Pelanggan antre saat makan siang, etalase kecil")
    page.get_by_text("modal usaha", exact=True).click()
    page.get_by_role("button", name="Simpan kunjungan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kunjungan tercatat")
    expect(page.get_by_test_id("timeline")).to_contain_text("Pelanggan antre saat makan siang")
    _no_page_wide_scroll(page)
    screenshot("02-visit")
    visit = Visit.objects.get()
    assert (visit.umkm, visit.visited_on, visit.needs) == (siti, today, ["modal"])

    page.get_by_test_id("refer").click()
    page.get_by_text("pinjaman (UPT PDB)", exact=True).click()
    page.get_by_label("Apa yang dibutuhkan").fill("Etalase kaca dan bahan baku nasi uduk")
    page.get_by_label("Jumlah yang diinginkan (Rp), untuk pinjaman").fill("6.000.000")
    page.get_by_role("button", name="Kirim rujukan").click()
    expect(page.get_by_role("alert")).to_contain_text("Rujukan terkirim")
    _no_page_wide_scroll(page)
    screenshot("02-referral")
    assert Referral.objects.get().umkm == siti

    # 3. Staf UPT PDB take the referral up: the application form comes prefilled from it.
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "upt", "/pendampingan/rujukan/")
    inbox = page.get_by_test_id("referral-inbox")
    expect(inbox).to_contain_text("Warung Bu Siti")
    inbox.get_by_test_id("accept").click()
    form = page.get_by_test_id("application-form")
    expect(form.get_by_label("Jumlah (Rp)")).to_have_value("6.000.000")
    expect(form.get_by_label("Penggunaan pinjaman")).to_have_value(
        "Etalase kaca dan bahan baku nasi uduk"
    )
    form.get_by_label("Produk").select_option(label="Dana Bergulir 2025")
    form.get_by_label("Jangka waktu (bulan)").select_option("12")
    form.get_by_role("button", name="Ajukan permohonan").click()
    application = Application.objects.get()
    detail = f"/pinjaman/pengajuan/{application.pk}/"
    expect(page).to_have_url(f"{live_server.url}{detail}")
    expect(page.get_by_test_id("application-state")).to_have_text("diajukan")
    screenshot("03-application")
    assert Referral.objects.get().application == application
    assert (application.umkm, application.amount) == (siti, LOAN)

    # 4. The pendamping PDB of Cibeber records the survey on a phone.
    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "rizki", "/pendampingan/lapangan/")
    expect(page.get_by_test_id("surveys-waiting")).to_contain_text("1")
    page.get_by_test_id("surveys-waiting").click()
    page.get_by_test_id("survey-queue").get_by_role(
        "link", name=re.compile("Warung Bu Siti")
    ).click()
    survey = page.get_by_test_id("survey-form")
    expect(survey.get_by_label("Tanggal survei")).to_have_value(today.isoformat())
    survey.get_by_label("Kondisi usaha").fill("Warung ramai pagi dan siang, tempat milik sendiri")
    survey.get_by_label("Penggunaan dana").fill("Etalase kaca dan beras untuk sebulan")
    survey.get_by_label("Pendapatan bersih per bulan (Rp)").fill("2.500.000")
    survey.get_by_label("Kemampuan membayar").fill("Sanggup Rp500.000 per bulan")
    survey.get_by_label("Rekomendasi").select_option(label="layak")
    survey.get_by_role("button", name="Simpan survei").click()
    expect(page.get_by_role("alert")).to_contain_text("Survei tercatat")
    _no_page_wide_scroll(page)
    screenshot("04-survey")

    # 5. The Kepala UPT reads the survey and approves.
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "kepala", detail)
    expect(page.get_by_test_id("application-state")).to_have_text("disurvei")
    expect(page.locator("main")).to_contain_text("Sanggup Rp500.000 per bulan")
    page.get_by_label("Catatan (opsional)").fill("Layak, sesuai hasil survei")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("application-state")).to_have_text("disetujui")
    screenshot("05-approved")

    # 6. Staf UPT PDB disburse it today.
    log_in_as(page, live_server, "upt", detail)
    expect(page.get_by_label("Tanggal pencairan")).to_have_value(today.isoformat())
    expect(page.get_by_test_id("disburse")).to_have_text("Cairkan Rp6.000.000")
    page.get_by_test_id("disburse").click()
    loan = Loan.objects.get()
    expect(page).to_have_url(f"{live_server.url}/pinjaman/pinjaman/{loan.pk}/")
    expect(page.get_by_test_id("loan-status")).to_have_text("aktif")
    expect(page.get_by_test_id("principal-outstanding")).to_have_text("Rp6.000.000")
    screenshot("06-disbursed")

    # 7. Two installments at the counter; the second by a double click, posted once.
    assert _post_repayment(page, live_server, loan, "KW-0801") == [
        f"{live_server.url}/pinjaman/angsuran/pinjaman/{loan.pk}/"
    ]
    sent = _post_repayment(page, live_server, loan, "KW-0802", double_click=True)
    assert sent == [f"{live_server.url}/pinjaman/angsuran/pinjaman/{loan.pk}/"]
    screenshot("07-receipt")
    page.goto(f"{live_server.url}/pinjaman/pinjaman/{loan.pk}/")
    expect(page.get_by_test_id("principal-outstanding")).to_have_text("Rp5.000.000")
    statement = page.get_by_test_id("statement")
    expect(statement).to_contain_text("KW-0801")
    expect(statement).to_contain_text("KW-0802")
    screenshot("07-repayments")
    assert Repayment.objects.filter(loan=loan).count() == 2
    loan.refresh_from_db()
    assert loan.principal_paid == 2 * INSTALLMENT

    # 8. The leadership's dashboard moved by the loan and the visit, and by nothing else.
    after = _dashboard_figures(page, live_server)
    assert after == {
        **before,
        "registered": 3,
        "disbursed": LOAN,
        "outstanding": LOAN - 2 * INSTALLMENT,
        "available": CAPITAL - LOAN + 2 * INSTALLMENT,
        "visits": 1,
    }
    expect(page.get_by_test_id("disbursed")).to_have_text("Rp6.000.000")
    expect(page.get_by_test_id("outstanding")).to_have_text("Rp5.000.000")
    screenshot("08-dashboard")

    # 9. Staf dinas enrol Katering Bu Yati in a training; at the end of the cohort they
    # record attendance and results and issue the certificate.
    log_in_as(page, live_server, "dinas", f"/pelatihan/angkatan/{cohort.pk}/")
    page.get_by_role("searchbox").fill("yati")
    page.get_by_role("button", name="Cari").click()
    page.get_by_test_id("found").get_by_test_id("enroll").click()
    expect(page.get_by_role("alert")).to_contain_text("terdaftar")
    expect(page.get_by_test_id("participants")).to_contain_text("Yati Suryani")
    screenshot("09-enrolled")

    time_machine.move_to("2025-08-07 15:00:00+07:00", tick=True)  # the cohort's last day
    modules = ["1. Kewirausahaan", "2. Keamanan pangan", "3. Uji kompetensi"]
    log_in_as(page, live_server, "dinas", f"/pelatihan/angkatan/{cohort.pk}/")
    for day, label in enumerate(modules, start=5):
        page.get_by_label("Modul", exact=True).select_option(label=label)
        page.get_by_label("Tanggal", exact=True).fill(f"2025-08-0{day}")
        page.get_by_test_id("session-form").get_by_label("Yati Suryani").check()  # starts absent
        page.get_by_role("button", name="Simpan kehadiran").click()
        expect(page.get_by_role("alert")).to_contain_text("Kehadiran tercatat")
    expect(page.get_by_test_id("participants")).to_contain_text("3/3 sesi")
    page.get_by_test_id("participants").get_by_text("Yati Suryani").click()
    for label in modules:
        page.get_by_label("Modul", exact=True).select_option(label=label)
        page.get_by_role("button", name="Lulus", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("Hasil tercatat")
    page.get_by_test_id("issue").click()
    expect(page.get_by_test_id("certificate")).to_contain_text("Yati Suryani")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    screenshot("09-certificate")
    certificate = Certificate.objects.get()
    assert certificate.enrollment.umkm == yati

    # 10. Anyone with the QR code, on a phone and without logging in, sees it is genuine.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/verifikasi/{certificate.code}/")
    expect(page.get_by_test_id("verify-valid")).to_be_visible()
    expect(page.get_by_test_id("verification")).to_contain_text(certificate.number)
    assert yati.owner_nik not in page.content()
    _no_page_wide_scroll(page)
    screenshot("10-verification")
