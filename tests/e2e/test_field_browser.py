"""A pendamping ekonomi on a 360 px phone: records a visit with a photo, keeps a visit typed
while the connection was gone and sends it later, refers the business to UPT PDB; staff
make the loan application from the referral and the mentor sees it move on."""

from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from lending.models import Application
from mentoring.models import MentorKind, Referral, Visit
from tests.factories import UserFactory
from tests.lending.factories import ProductFactory, new_business
from tests.mentoring.factories import MentorFactory, assign

from .conftest import PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _photo(size=(3000, 2000)) -> bytes:
    """A phone-camera-sized photo, noisy so that it does not compress to nothing."""
    buffer = BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_visit_offline_draft_and_referral_on_a_phone(
    page, live_server, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    umkm = new_business(name="Katering Bu Yati", owner_name="Yati Suryani")
    mentor = MentorFactory(
        user=UserFactory(username="nurul", roles=[Role.PENDAMPING_EKONOMI]),
        kind=MentorKind.EKONOMI,
    )
    assign(mentor, kelurahan=umkm.kelurahan)
    UserFactory(username="staf", roles=[Role.STAF_UPT])
    ProductFactory(name="Dana Bergulir 2025", tenors=[12])
    page.set_viewport_size(PHONE)

    # A visit with a photo, chosen with taps.
    log_in_as(page, live_server, "nurul", "/pendampingan/lapangan/")
    page.get_by_test_id("my-businesses-link").click()
    page.get_by_test_id("my-businesses").get_by_text("Katering Bu Yati").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("Terdaftar")  # the registry's part
    page.get_by_test_id("record-visit").click()
    page.get_by_text("pendampingan usaha", exact=True).click()
    page.get_by_label("Apa temuan Anda?").fill("Pesanan nasi kotak naik, kompor kurang")
    page.get_by_text("modal usaha", exact=True).click()
    page.get_by_text("peralatan", exact=True).click()
    photo = _photo()
    page.get_by_label("Foto (opsional)").set_input_files(
        {"name": "dapur.jpg", "mimeType": "image/jpeg", "buffer": photo}
    )
    # The phone scales it down before sending (1600 px on the long side).
    # Polled from here: wait_for_function would eval() in the page, which the portal's
    # Content-Security-Policy forbids.
    for _ in range(100):
        if page.evaluate("document.querySelector('input[type=file]').files[0].size") < len(photo):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the photo was not scaled down on the phone")
    screenshot("visit-form")
    page.get_by_role("button", name="Simpan kunjungan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kunjungan tercatat")
    expect(page.get_by_test_id("timeline")).to_contain_text("Pesanan nasi kotak naik")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    visit = Visit.objects.get()
    assert visit.needs == ["modal", "peralatan"]
    assert max(Image.open(visit.photo.path).size) == 1600

    # No signal: the visit cannot be sent, but what was typed stays on the phone.
    page.get_by_test_id("record-visit").click()
    form_url = page.url
    page.get_by_text("fasilitasi kebutuhan", exact=True).click()
    page.get_by_label("Apa temuan Anda?").fill("Dibantu daftar NIB lewat OSS")
    page.context.set_offline(True)
    page.get_by_role("button", name="Simpan kunjungan").click(no_wait_after=True)
    page.wait_for_timeout(500)  # the browser shows its own "no connection" page
    page.context.set_offline(False)
    assert Visit.objects.count() == 1
    page.goto(form_url)
    expect(page.get_by_test_id("draft-banner")).to_be_visible()
    page.get_by_test_id("draft-banner").get_by_role("button").click()
    expect(page.get_by_label("Apa temuan Anda?")).to_have_value("Dibantu daftar NIB lewat OSS")
    page.get_by_role("button", name="Simpan kunjungan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kunjungan tercatat")
    assert Visit.objects.count() == 2
    page.goto(form_url)
    expect(page.get_by_test_id("draft-banner")).to_have_count(0)  # sent: forgotten

    # The referral to UPT PDB.
    page.goto(f"{live_server.url}/pendampingan/lapangan/usaha/{umkm.pk}/")
    page.get_by_test_id("refer").click()
    page.get_by_text("pinjaman (UPT PDB)", exact=True).click()
    page.get_by_label("Apa yang dibutuhkan").fill("Kompor dua tungku dan wajan besar")
    page.get_by_label("Jumlah yang diinginkan (Rp), untuk pinjaman").fill("6.000.000")
    page.get_by_role("button", name="Kirim rujukan").click()
    expect(page.get_by_role("alert")).to_contain_text("Rujukan terkirim")
    screenshot("after-referral")

    # UPT PDB makes the application from it; the mentor sees the status move.
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in_as(page, live_server, "staf", "/pendampingan/rujukan/")
    page.get_by_test_id("referral-inbox").get_by_test_id("accept").click()
    expect(page.get_by_label("Jumlah (Rp)")).to_have_value("6.000.000")
    page.get_by_label("Produk").select_option(label="Dana Bergulir 2025")
    page.get_by_role("button", name="Ajukan permohonan").click()
    expect(page.get_by_test_id("application-state")).to_have_text("diajukan")
    assert Referral.objects.get().application == Application.objects.get()

    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "nurul", "/pendampingan/lapangan/")
    expect(page.get_by_test_id("referral-progress")).to_have_text("permohonan dibuat")
