"""The registry in a browser: staff search and filter, reveal a NIK (logged), import a messy
spreadsheet and merge a duplicate; leadership sees personal data masked."""

import re

import pytest
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from registry.models import UMKM, DuplicateCandidate, ImportBatch, PersonalDataAccess, Sex, Status
from registry.services import duplicates_refresh
from tests.factories import TEST_PASSWORD, UserFactory
from tests.registry.factories import UMKMFactory
from tests.registry.importing import csv_bytes, row

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEARCH_PLACEHOLDER = "Nama usaha, pemilik, NIK, NIB, atau HP"
SITI_NIK = "3672015506850001"


def _log_in(page, live_server, username: str, path: str) -> None:
    """Open `path`, get sent to the login form, log in and land back on `path`."""
    page.goto(f"{live_server.url}{path}")
    expect(page).to_have_url(f"{live_server.url}/masuk/?next={path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(f"{live_server.url}{path}")


def _listed_names(page) -> list[str]:
    """The business names in the browse table, top to bottom."""
    return page.locator("table.umkm-table tbody tr td:first-child a").all_inner_texts()


def _siti(**fields) -> UMKM:
    return UMKMFactory(
        name="Warung Bu Siti",
        owner_name="Siti Aminah",
        owner_nik=SITI_NIK,
        owner_sex=Sex.FEMALE,
        owner_phone="+6281234567890",
        **fields,
    )


def test_staff_search_by_owner_then_filter_by_status(page, live_server, screenshot):
    UserFactory(username="staf", roles=[Role.STAF_DINAS])
    _siti()
    # Owner names are fixed, not Faker's: a random "Siti ..." would blur the search.
    UMKMFactory(name="Toko Sembako Berkah", owner_name="Budi Santoso")
    UMKMFactory(name="Bengkel Motor Jaya", owner_name="Joko Susilo", status=Status.INACTIVE)
    UMKMFactory(name="Laundry Bersih Wangi", owner_name="Rina Marlina", status=Status.INACTIVE)
    UMKMFactory(name="Kerupuk Ikan Pak Darto", owner_name="Darto Wijaya", status=Status.CLOSED)
    page.set_viewport_size(DESKTOP)
    _log_in(page, live_server, "staf", "/registri/")
    expect(page.get_by_test_id("result-count")).to_have_text("5 usaha")

    search = page.get_by_placeholder(SEARCH_PLACEHOLDER)
    search.fill("siti aminah")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]cari=siti\+aminah"))
    expect(page.get_by_test_id("result-count")).to_have_text("1 usaha")
    assert _listed_names(page) == ["Warung Bu Siti"]
    expect(page.locator("table.umkm-table tbody")).to_contain_text("Siti Aminah")
    screenshot("search")

    page.get_by_role("button", name="Filter", exact=True).click()
    # Bootstrap's collapse animates open ("collapsing", then "collapse show"); a click while
    # the panel still grows can land on its clipped edge and submit nothing.
    expect(page.locator("#more-filters")).to_have_class(re.compile(r"\bshow\b"))
    search.fill("")
    page.get_by_label("Status").select_option(label="Tidak aktif")
    expect(search).to_have_value("")
    expect(page.get_by_label("Status")).to_have_value("tidak_aktif")
    page.get_by_role("button", name="Terapkan filter").click()

    expect(page).to_have_url(re.compile(r"[?&]status=tidak_aktif"))
    expect(page.get_by_test_id("result-count")).to_have_text("2 usaha")
    assert sorted(_listed_names(page)) == ["Bengkel Motor Jaya", "Laundry Bersih Wangi"]
    # The filters stay open and keep the choice, so the user sees why the list is shorter.
    expect(page.get_by_label("Status")).to_be_visible()
    expect(page.get_by_label("Status")).to_have_value("tidak_aktif")
    screenshot("status-filter")


def test_staff_reveal_a_full_nik_on_a_phone_and_it_is_logged(page, live_server, screenshot):
    staff = UserFactory(username="staf", roles=[Role.STAF_DINAS])
    umkm = _siti()
    UMKMFactory(name="Toko Sembako Berkah", owner_name="Budi Santoso")
    page.set_viewport_size(PHONE)
    _log_in(page, live_server, "staf", "/registri/")

    page.get_by_role("link", name="Warung Bu Siti", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/registri/{umkm.pk}/")
    expect(page.get_by_role("heading", name="Warung Bu Siti")).to_be_visible()
    expect(page.get_by_test_id("nik-masked")).to_have_text("3672********0001")
    expect(page.get_by_test_id("nik-full")).to_have_count(0)
    assert not PersonalDataAccess.objects.exists()  # opening the page shows nothing in full

    reveal = page.get_by_test_id("reveal-nik")
    expect(reveal).to_have_text("Tampilkan NIK lengkap (dicatat)")
    reveal.click()

    expect(page.get_by_test_id("nik-full")).to_have_text(SITI_NIK)
    expect(page.get_by_test_id("profile")).to_contain_text("Akses ini telah dicatat.")
    expect(page.get_by_test_id("reveal-nik")).to_have_count(0)
    screenshot("full-nik")
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.umkm, access.action) == (
        staff,
        umkm,
        PersonalDataAccess.Action.PAGE,
    )


def test_staff_import_a_messy_csv_preview_then_apply(
    page, live_server, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    UserFactory(username="staf", roles=[Role.STAF_DINAS])
    rows = [
        row(no_hp="0812-3456-7890"),
        row(nama_usaha="Toko Salah NIK", nama_pemilik="Budi Santoso", nik="367201120380002"),
        row(
            nama_usaha="Bengkel Motor Jaya",
            nama_pemilik="Joko Susilo",
            nik="3672011203800002",
            kelurahan="Ketileng",
        ),
        row(
            nama_usaha="Warung Jakarta",
            nama_pemilik="Andi Pratama",
            nik="3672011505900004",
            kelurahan="Kebayoran",
        ),
        row(
            nama_usaha="Kerupuk Ikan Pak Darto",
            nama_pemilik="Darto Wijaya",
            nik="3672020101750003",
            kelurahan="Pabean",
        ),
    ]
    upload = tmp_path / "umkm-dinkop.csv"
    upload.write_bytes(csv_bytes(rows, delimiter=";", bom=True))
    page.set_viewport_size(DESKTOP)
    _log_in(page, live_server, "staf", "/registri/impor/")

    page.get_by_label("Lembar kerja (CSV atau XLSX)").set_input_files(upload)
    page.get_by_role("button", name="Unggah dan pratinjau").click()

    expect(page).to_have_url(re.compile(r"/registri/impor/\d+/$"))
    batch = ImportBatch.objects.get()
    assert page.url == f"{live_server.url}/registri/impor/{batch.pk}/"
    expect(page.get_by_test_id("batch-state")).to_have_text("pratinjau")
    expect(page.get_by_test_id("count-created")).to_have_text("3")
    expect(page.get_by_test_id("count-updated")).to_have_text("0")
    expect(page.get_by_test_id("count-rejected")).to_have_text("2")
    rejections = page.get_by_test_id("rejections").locator("tbody tr")
    expect(rejections).to_have_count(2)
    # Row numbers are the spreadsheet's: the header is row 1.
    expect(rejections.nth(0).locator("td")).to_have_text(["3", "NIK harus tepat 16 digit."])
    expect(rejections.nth(1).locator("td")).to_have_text(
        ["5", "Kelurahan 'Kebayoran' tidak dikenal di Kota Cilegon."]
    )
    screenshot("preview")
    assert not UMKM.objects.exists()  # a preview writes nothing

    apply = page.get_by_test_id("apply-import")
    expect(apply).to_have_text("Terapkan: simpan 3 usaha")
    apply.click()

    expect(page.get_by_test_id("batch-state")).to_have_text("diterapkan")
    expect(page.get_by_role("alert")).to_contain_text("Impor selesai: 3 baru")
    expect(page.get_by_test_id("apply-import")).to_have_count(0)
    screenshot("applied")
    assert sorted(UMKM.objects.values_list("name", flat=True)) == [
        "Bengkel Motor Jaya",
        "Kerupuk Ikan Pak Darto",
        "Warung Bu Siti",
    ]
    assert UMKM.objects.get(name="Warung Bu Siti").owner_phone == "+6281234567890"
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED
    # The uploaded file was kept, in this test's media folder.
    assert [path.name for path in (tmp_path / "media").rglob("*.csv")] == [upload.name]


def test_staff_merge_two_records_with_the_same_phone(page, live_server, screenshot):
    UserFactory(username="staf", roles=[Role.STAF_DINAS])
    survivor = UMKMFactory(
        name="Toko Sembako Berkah",
        owner_name="Hasan Basri",
        owner_nik="3672011203800002",
        owner_phone="+6281298765432",
    )
    duplicate = UMKMFactory(
        name="Kios Pulsa Hasan",
        owner_name="Hasan",
        owner_nik="3672020101750003",
        owner_phone="+6281298765432",
    )
    duplicates_refresh()
    page.set_viewport_size(DESKTOP)
    _log_in(page, live_server, "staf", "/registri/duplikat/")

    candidate = page.get_by_test_id("candidate")
    expect(candidate).to_have_count(1)
    expect(candidate).to_contain_text("Toko Sembako Berkah")
    expect(candidate).to_contain_text("Kios Pulsa Hasan")
    keep_first = candidate.first.get_by_test_id("keep-first")
    expect(keep_first).to_have_text("Pertahankan yang ini dan gabungkan")
    screenshot("candidates")
    # Two owner NIKs: staff confirm they are one owner, and say why (issue 15).
    confirm = candidate.first.get_by_test_id("same-owner-first")
    confirm.get_by_role("checkbox").check()
    confirm.get_by_role("textbox").fill("KTP lama dan baru")
    keep_first.click()

    expect(page).to_have_url(f"{live_server.url}/registri/{survivor.pk}/")
    expect(page.get_by_role("heading", name="Toko Sembako Berkah")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        "Digabung: Kios Pulsa Hasan kini menjadi bagian dari Toko Sembako Berkah."
    )
    expect(page.get_by_test_id("timeline")).to_contain_text("KTP lama dan baru")
    expect(page.get_by_test_id("timeline")).to_contain_text(f"#{duplicate.pk}")
    screenshot("merged")
    assert list(UMKM.objects.values_list("pk", flat=True)) == [survivor.pk]
    assert not DuplicateCandidate.objects.filter(state=DuplicateCandidate.State.OPEN).exists()


def test_leadership_sees_personal_data_masked_on_a_phone(page, live_server, screenshot):
    UserFactory(username="pimpinan", roles=[Role.PIMPINAN])
    umkm = _siti()
    page.set_viewport_size(PHONE)
    _log_in(page, live_server, "pimpinan", "/registri/")

    page.get_by_role("link", name="Warung Bu Siti", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/registri/{umkm.pk}/")
    profile = page.get_by_test_id("profile")
    expect(page.get_by_test_id("nik-masked")).to_have_text("3672********0001")
    expect(page.get_by_test_id("reveal-nik")).to_have_count(0)
    expect(page.get_by_role("button", name="Tampilkan NIK lengkap (dicatat)")).to_have_count(0)
    expect(profile).to_contain_text("+62812*****890")
    expect(profile).not_to_contain_text("+6281234567890")
    expect(page.locator("body")).not_to_contain_text(SITI_NIK)
    screenshot("masked")
