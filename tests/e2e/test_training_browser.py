"""Training in a browser: staff enrol a business owner, record attendance and results,
issue the certificate; anyone opens the QR code's page without logging in."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from registry.models import Certification
from tests.factories import UserFactory
from tests.lending.factories import new_business
from tests.training.factories import CohortFactory
from training.models import Certificate

from .conftest import DESKTOP, PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_enrol_attend_certify_and_verify(page, live_server, screenshot, time_machine):
    time_machine.move_to("2025-07-03 10:00:00+07:00", tick=True)
    UserFactory(username="staf", roles=[Role.STAF_DINAS])
    umkm = new_business(name="Katering Bu Yati", owner_name="Yati Suryani")
    cohort = CohortFactory(name="Jasa Boga Angkatan 1", starts_on=date(2025, 7, 1))
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf", f"/pelatihan/angkatan/{cohort.pk}/")

    # Enrol from the registry.
    page.get_by_role("searchbox").fill("yati")
    page.get_by_role("button", name="Cari").click()
    page.get_by_test_id("found").get_by_test_id("enroll").click()
    expect(page.get_by_role("alert")).to_contain_text("terdaftar")
    expect(page.get_by_test_id("participants")).to_contain_text("Yati Suryani")

    # A session per module, with attendance.
    for index, label in enumerate(["1. Kewirausahaan", "2. Keamanan pangan", "3. Uji kompetensi"]):
        page.get_by_label("Modul", exact=True).select_option(label=label)
        page.get_by_label("Tanggal", exact=True).fill(f"2025-07-0{index + 1}")
        page.get_by_test_id("session-form").get_by_label("Yati Suryani").check()  # starts absent
        page.get_by_role("button", name="Simpan kehadiran").click()
        expect(page.get_by_role("alert")).to_contain_text("Kehadiran tercatat")
    expect(page.get_by_test_id("participants")).to_contain_text("3/3 sesi")

    # Results, then the certificate.
    page.get_by_test_id("participants").get_by_text("Yati Suryani").click()
    for label in ["1. Kewirausahaan", "2. Keamanan pangan", "3. Uji kompetensi"]:
        page.get_by_label("Modul", exact=True).select_option(label=label)
        page.get_by_role("button", name="Lulus", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("Hasil tercatat")
    page.get_by_test_id("issue").click()
    expect(page.get_by_test_id("certificate")).to_contain_text("Yati Suryani")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    assert page.get_by_test_id("qr").locator("svg").bounding_box()["width"] > 100  # scannable
    screenshot("certificate")
    certificate = Certificate.objects.get()
    assert Certification.objects.filter(umkm=umkm, number=certificate.number).exists()

    # Anyone with the QR code: no login, no NIK.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{certificate.get_verification_url()}")
    expect(page.get_by_test_id("verify-valid")).to_be_visible()
    expect(page.get_by_test_id("verification")).to_contain_text(certificate.number)
    assert umkm.owner_nik not in page.content()
    screenshot("verification-phone")

    # An industry buyer reads the supplier directory on a phone: no page-wide scroll (it
    # was 407px wide in a 360px window).
    UserFactory(username="mitra", roles=[Role.MITRA_INDUSTRI])
    log_in_as(page, live_server, "mitra", "/pelatihan/direktori/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, (width, inner)
    screenshot("directory-phone")

    # The report on a phone: the funnel's totals row, and no page-wide scroll (the table per
    # kecamatan made it 363px wide in a 360px window).
    log_in_as(page, live_server, "staf", "/pelatihan/laporan/?tahun=2025")
    expect(page.get_by_test_id("funnel-total")).to_contain_text("Jumlah")
    expect(page.get_by_test_id("per-kecamatan")).to_contain_text(umkm.kelurahan.kecamatan.name)
    page.wait_for_load_state("load")  # measured with the stylesheet applied
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, (width, inner)
    screenshot("report-phone")
