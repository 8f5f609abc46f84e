"""A loan's whole path in a browser: staff apply for a registered business, the area's
pendamping PDB surveys it on a phone, the Kepala UPT approves, staff disburse and post the
first repayment at the counter; a double click or a retried request does not post it twice.
The second test walks the path with the office's personas and a fund of known capital, finds
the loan at the desk by name, NIK and loan number, and checks the kuitansi, the loan page and
the fund's ledger. The last one goes back to the form and posts again: the receipt number
stops it."""

import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from lending.models import Application, FundEntry, Loan, Repayment
from lending.selectors import fund_balances
from registry.models import Sex
from tests.factories import UserFactory
from tests.lending.factories import (
    People,
    ProductFactory,
    disbursed_loan,
    fund_with_capital,
    new_business,
)
from tests.mentoring.factories import MentorFactory, assign

from .conftest import DESKTOP, PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_apply_survey_approve_disburse_repay(page, live_server, screenshot):
    UserFactory(username="staf", roles=[Role.STAF_UPT])
    UserFactory(username="kepala", roles=[Role.KEPALA_UPT])
    umkm = new_business(name="Warung Nasi Bu Entin", owner_name="Entin Rahmawati")
    mentor = MentorFactory(user=UserFactory(username="rizki", roles=[Role.PENDAMPING_PDB]))
    assign(mentor, kelurahan=umkm.kelurahan)
    ProductFactory(name="Dana Bergulir 2025", tenors=[12])

    # Staff find the business in the registry and file the application.
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf", "/pinjaman/pengajuan/baru/")
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
    log_in_as(page, live_server, "rizki", "/pendampingan/lapangan/")
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
    log_in_as(page, live_server, "kepala", f"/pinjaman/pengajuan/{application.pk}/")
    expect(page.get_by_test_id("events")).to_contain_text("Disurvei")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("application-state")).to_have_text("disetujui")
    log_in_as(page, live_server, "staf", f"/pinjaman/pengajuan/{application.pk}/")
    page.get_by_test_id("disburse").click()
    loan = Loan.objects.get()
    expect(page).to_have_url(f"{live_server.url}/pinjaman/pinjaman/{loan.pk}/")
    expect(page.get_by_test_id("principal-outstanding")).to_have_text("Rp5.000.000")

    # At the counter: find the loan by the borrower's name, post the first installment.
    page.goto(f"{live_server.url}/pinjaman/angsuran/?cari=Entin")
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


SITI_NIK = "3672015506850001"
LOOKUP_PLACEHOLDER = "Nama peminjam, NIK atau nomor pinjaman"


def _indonesian_date(day, format: str = "j F Y") -> str:
    """A date as a page writes it: "5 Des 2026" (DATE_FORMAT), the kuitansi "5 Desember 2026"."""
    with translation.override("id"):
        return date_format(day, format)


def test_a_loan_from_the_application_to_the_first_installment_paid(
    page,
    live_server,
    screenshot,
):
    people = People()  # staf.upt, pdb (the mentor) and kepala
    today = timezone.localdate()
    fund = fund_with_capital(amount=50_000_000, name="Dana Bergulir APBD")
    product = ProductFactory(name="Dana Bergulir 2025", fund=fund, tenors=[6, 12])
    siti = new_business(
        name="Warung Bu Siti",
        owner_name="Siti Aminah",
        owner_nik=SITI_NIK,
        owner_sex=Sex.FEMALE,
        address="Jl. Ahmad Yani No. 12",
    )
    assign(MentorFactory(user=people.mentor), kelurahan=siti.kelurahan)
    # Another Aminah with a running loan from the same fund: the desk's name search lists
    # both, and the fund has 45 million left to lend.
    nur_loan = disbursed_loan(
        people,
        disbursed_on=today,
        product=product,
        amount=5_000_000,
        umkm=new_business(name="Kedai Kopi Nur", owner_name="Nur Aminah"),
    )

    # 1. Staff UPT PDB find the business in the registry and submit the application.
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf.upt", "/pinjaman/pengajuan/baru/")
    search = page.get_by_placeholder("Nama usaha, pemilik, NIK, NIB, atau HP")
    search.fill("siti aminah")
    search.press("Enter")
    page.get_by_test_id("business-results").get_by_role("link", name="Warung Bu Siti").click()

    expect(page).to_have_url(f"{live_server.url}/pinjaman/pengajuan/baru/{siti.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Permohonan pinjaman untuk Warung Bu Siti"
    )
    form = page.get_by_test_id("application-form")
    form.get_by_label("Produk").select_option(label="Dana Bergulir 2025")
    form.get_by_label("Jumlah (Rp)").fill("10.000.000")
    form.get_by_label("Jangka waktu (bulan)").select_option("12")
    form.get_by_label("Penggunaan pinjaman").fill("Etalase kaca dan bahan baku nasi uduk")
    screenshot("application-form")
    form.get_by_role("button", name="Ajukan permohonan").click()

    application = Application.objects.get(umkm=siti)
    detail = f"/pinjaman/pengajuan/{application.pk}/"
    expect(page).to_have_url(f"{live_server.url}{detail}")
    expect(page.get_by_role("alert")).to_contain_text(
        f"Permohonan {application.number} telah diajukan."
    )
    expect(page.get_by_test_id("application-state")).to_have_text("diajukan")
    expect(page.locator("main")).to_contain_text("Rp10.000.000 · 12 bulan")

    # 2. The area's pendamping PDB records the survey on a phone.
    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "pdb", "/pendampingan/lapangan/")
    expect(page.get_by_test_id("surveys-waiting")).to_contain_text("1")
    page.get_by_test_id("surveys-waiting").click()
    queue = page.get_by_test_id("survey-queue")
    expect(queue).to_contain_text("Warung Bu Siti · Rp10.000.000")
    queue.get_by_role("link", name=re.compile("Warung Bu Siti")).click()

    expect(page).to_have_url(f"{live_server.url}/pendampingan/lapangan/survei/{application.pk}/")
    survey = page.get_by_test_id("survey-form")
    expect(survey.get_by_label("Tanggal survei")).to_have_value(today.isoformat())
    survey.get_by_label("Kondisi usaha").fill("Warung ramai pagi dan siang, tempat milik sendiri")
    survey.get_by_label("Penggunaan dana").fill("Etalase kaca dan beras untuk sebulan")
    survey.get_by_label("Pendapatan bersih per bulan (Rp)").fill("2.500.000")
    survey.get_by_label("Kemampuan membayar").fill("Sanggup Rp833.000 per bulan")
    survey.get_by_label("Rekomendasi").select_option(label="layak")
    screenshot("survey-phone")
    survey.get_by_role("button", name="Simpan survei").click()

    expect(page).to_have_url(f"{live_server.url}/pendampingan/lapangan/survei/")
    expect(page.get_by_role("alert")).to_contain_text(
        "Survei tercatat; permohonan menunggu keputusan."
    )
    expect(page.get_by_test_id("survey-queue")).not_to_contain_text("Warung Bu Siti")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # 3. The Kepala UPT, who neither submitted nor surveyed it, reads the survey and
    # approves. Disbursing is the staff's (roles.py): he is not offered the button.
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "kepala", "/pinjaman/")
    page.get_by_role("link", name=re.compile("Warung Bu Siti")).click()
    expect(page).to_have_url(f"{live_server.url}{detail}")
    expect(page.get_by_test_id("application-state")).to_have_text("disurvei")
    main = page.locator("main")
    expect(main).to_contain_text("Rp2.500.000")
    expect(main).to_contain_text("Sanggup Rp833.000 per bulan")
    page.get_by_label("Catatan (opsional)").fill("Layak, sesuai hasil survei")
    page.get_by_test_id("approve").click()

    expect(page.get_by_role("alert")).to_contain_text("Permohonan disetujui; dana dapat dicairkan.")
    expect(page.get_by_test_id("application-state")).to_have_text("disetujui")
    expect(page.get_by_test_id("events")).to_contain_text("Layak, sesuai hasil survei")
    expect(page.get_by_test_id("disburse")).to_have_count(0)
    screenshot("approved")

    # 4. Staff disburse it today; the loan's schedule is 11 x Rp833.000 and a last Rp837.000.
    log_in_as(page, live_server, "staf.upt", detail)
    expect(page.get_by_label("Tanggal pencairan")).to_have_value(today.isoformat())
    expect(page.get_by_test_id("disburse")).to_have_text("Cairkan Rp10.000.000")
    page.get_by_test_id("disburse").click()

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

    # 5. At the counter. By name both Aminahs' loans are listed; by NIK or by loan number
    # the one loan opens straight away.
    page.goto(f"{live_server.url}/pinjaman/")
    expect(page.get_by_test_id("fund-available")).to_have_text("Rp35.000.000")
    page.get_by_test_id("repayment-desk").click()
    desk = f"{live_server.url}/pinjaman/angsuran/"
    expect(page).to_have_url(desk)
    page.get_by_placeholder(LOOKUP_PLACEHOLDER).fill("aminah")
    page.get_by_role("button", name="Cari", exact=True).click()
    found = page.locator("main .list-group a")
    expect(found).to_have_count(2)
    expect(found.filter(has_text="Nur Aminah")).to_contain_text(nur_loan.number)
    expect(found.filter(has_text="Siti Aminah")).to_contain_text(
        f"{loan.number} · Warung Bu Siti · Siti Aminah"
    )
    repayment_form = f"{live_server.url}/pinjaman/angsuran/pinjaman/{loan.pk}/"
    for term in (SITI_NIK, loan.number.lower()):
        page.goto(desk)
        page.get_by_placeholder(LOOKUP_PLACEHOLDER).fill(term)
        page.get_by_placeholder(LOOKUP_PLACEHOLDER).press("Enter")
        expect(page).to_have_url(repayment_form)

    # Nothing is due before the first due date; the form offers the next installment.
    expect(page.get_by_test_id("due-now")).to_have_text("Rp0")
    form = page.get_by_test_id("repayment-form")
    expect(form.get_by_label("Jumlah diterima (Rp)")).to_have_value("833.000")
    form.get_by_label("Jumlah diterima (Rp)").fill("833.000")
    form.get_by_label("Tanggal bayar").fill(today.isoformat())
    form.get_by_label("Nomor kuitansi").fill("KW-0001")
    form.get_by_label("Cara bayar").select_option(label="transfer bank")
    screenshot("repayment-form")
    sent = {
        name: form.locator(f"[name={name}]").input_value()
        for name in ("csrfmiddlewaretoken", "client_token", "amount", "paid_on", "receipt_no")
    }
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    # An impatient double click sends one post: the button locks after the first submit.
    page.get_by_test_id("submit-repayment").dblclick()

    expect(page).to_have_url(re.compile(r"/pinjaman/angsuran/\d+/kuitansi/$"))
    repayment = Repayment.objects.get(loan=loan)
    assert page.url == f"{live_server.url}/pinjaman/angsuran/{repayment.pk}/kuitansi/"
    assert [request.url for request in posts] == [repayment_form]
    expect(page.get_by_role("alert")).to_contain_text("Pembayaran telah dibukukan.")
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_contain_text("KUITANSI")
    expect(page.get_by_test_id("receipt-amount")).to_have_text("Rp833.000")
    expect(receipt.locator("dt")).to_have_text(
        ["Nomor kuitansi", "Diterima dari", "Untuk pinjaman", "Jumlah", "Terbilang",
         "Terdiri dari", "Tanggal bayar", "Sisa kewajiban setelah pembayaran ini",
         "Diterima oleh"]
    )  # fmt: skip
    expect(receipt.locator("dd")).to_have_text(
        [
            "KW-0001",
            "Siti Aminah (Warung Bu Siti)",
            loan.number,
            "Rp833.000",
            "delapan ratus tiga puluh tiga ribu rupiah",
            "denda Rp0 · jasa Rp0 · pokok Rp833.000",
            f"{_indonesian_date(today)} · transfer bank",
            "Rp9.167.000 (pokok dan jasa)",
            people.staff.display_name,
        ]
    )
    screenshot("receipt")

    # The same form sent again, as a flaky connection retries it: recognised by its token,
    # it answers with the first receipt and posts nothing.
    retry = page.request.post(repayment_form, form={**sent, "channel": "transfer"})
    assert retry.ok and retry.url == page.url

    # The loan page now shows the first installment paid, on a phone and a desktop.
    receipt.get_by_role("link", name=loan.number).click()
    expect(page).to_have_url(loan_page)
    expect(page.get_by_test_id("principal-outstanding")).to_have_text("Rp9.167.000")
    expect(page.get_by_test_id("loan-status")).to_have_text("aktif")
    first, second = schedule.nth(0), schedule.nth(1)
    expect(first).to_have_class(re.compile(r"\btable-success\b"))
    expect(first.locator("td").nth(4)).to_have_text("Rp833.000")
    expect(first.locator("td").nth(6)).to_have_text(
        f"lunas {_indonesian_date(today, 'DATE_FORMAT')}"
    )
    expect(second.locator("td").nth(4)).to_have_text("Rp0")
    expect(second.locator("td").nth(6)).to_have_text("belum jatuh tempo")
    statement = page.get_by_test_id("statement-row")
    expect(statement).to_have_count(1)
    expect(statement).to_contain_text("Rp833.000")
    expect(statement).to_contain_text("KW-0001")
    screenshot("loan-paid")
    page.set_viewport_size(PHONE)
    expect(page.get_by_test_id("principal-outstanding")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot("loan-paid-phone")

    # In the database: one loan for Siti, one repayment, and the fund's ledger.
    loan.refresh_from_db()
    assert (loan.principal, loan.principal_paid, loan.status) == (
        10_000_000,
        833_000,
        Loan.Status.ACTIVE,
    )
    assert loan.application == application
    assert list(loan.application.events.values_list("to_state", "actor")) == [
        (Application.State.SUBMITTED, people.staff.pk),
        (Application.State.SURVEYED, people.mentor.pk),
        (Application.State.APPROVED, people.head.pk),
        (Application.State.DISBURSED, people.staff.pk),
    ]
    assert list(Repayment.objects.values_list("loan", "amount", "receipt_no", "channel")) == [
        (loan.pk, 833_000, "KW-0001", Repayment.Channel.TRANSFER)
    ]
    ledger = FundEntry.objects.filter(loan=loan).values_list("kind", "amount", "repayment", "fund")
    assert set(ledger) == {
        (FundEntry.Kind.DISBURSEMENT, 10_000_000, None, fund.pk),
        (FundEntry.Kind.PRINCIPAL_REPAID, 833_000, repayment.pk, fund.pk),
    }
    assert fund_balances(fund).available == 50_000_000 - 5_000_000 - 10_000_000 + 833_000


def test_back_to_the_repayment_form_and_post_again_is_counted_once(
    page,
    live_server,
):
    people = People()
    today = timezone.localdate()
    loan = disbursed_loan(people, disbursed_on=today)
    form_path = f"/pinjaman/angsuran/pinjaman/{loan.pk}/"
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf.upt", form_path)
    page.get_by_label("Nomor kuitansi").fill("KW-0001")
    page.get_by_test_id("submit-repayment").click()
    expect(page.get_by_test_id("receipt-amount")).to_have_text("Rp833.000")

    page.go_back()
    expect(page).to_have_url(f"{live_server.url}{form_path}")
    expect(page.get_by_label("Nomor kuitansi")).to_have_value("KW-0001")
    # Reloaded minutes after a payment, the form offers no amount: the cashier types it.
    expect(page.get_by_label("Jumlah diterima (Rp)")).to_have_value("")
    page.get_by_label("Jumlah diterima (Rp)").fill("833.000")
    page.get_by_test_id("submit-repayment").click()
    # The receipt number is already posted for this loan: refused, with what was posted.
    expect(page.get_by_test_id("form-error")).to_contain_text("KW-0001 sudah dibukukan")

    assert Repayment.objects.filter(loan=loan).count() == 1
