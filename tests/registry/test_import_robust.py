"""umkm_import keeps every good row: office words for sectors, copies, bad bytes and
encodings cost only their own row (or name the encoding), never the file."""

import codecs
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role
from registry.importing.report import rejected_rows_csv, rejected_rows_xlsx
from registry.models import UMKM, ImportBatch, Sex
from registry.sectors import Sector

from .factories import UMKMFactory
from .importing import csv_bytes, reasons, row, run_import, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD = row(nama_usaha="Toko Baik", nik="3672011506850002", nama_pemilik="Budi")


def _warnings(outcome) -> dict[int, str]:
    return {warning["number"]: warning["warning"] for warning in outcome.warnings}


@pytest.mark.parametrize(
    ("word", "sector"),
    [("Keripik", "lainnya"), ("Makanan Ringan", "kuliner"), ("Bengkel Las Listrik", "otomotif")],
)
def test_an_unknown_sector_word_imports_the_row_under_the_closest_sector(word, sector):
    outcome = run_import(csv_bytes([row(sektor=word)]), filename="data.csv")

    assert (outcome.created, outcome.rejected) == (1, 0)
    umkm = UMKM.objects.get()
    assert umkm.sector == sector
    assert _warnings(outcome)[2] == _(
        "Sector '%(word)s' is not a known sector; filed as %(sector)s."
    ) % {"word": word, "sector": Sector(sector).label}
    reason = umkm.history.get().history_change_reason
    assert reason.startswith(_("Import of %(file)s") % {"file": "data.csv"})
    assert f"'{word}'" in reason  # the word as written is kept where the registry can


def test_a_known_sector_word_gives_no_warning():
    outcome = run_import(csv_bytes([row(sektor="Makanan & Minuman")]))

    assert outcome.warnings == []
    assert UMKM.objects.get().history.get().history_change_reason == _("Import of %(file)s") % {
        "file": "umkm.csv"
    }


def test_the_kbli_code_decides_before_a_guess_from_an_unknown_word():
    run_import(csv_bytes([row(sektor="Keripik", kbli="10794")]))

    assert UMKM.objects.get().sector == "kuliner"


def test_an_unknown_word_never_overwrites_a_registered_sector():
    umkm = UMKMFactory(
        name="Warung Bu Siti", owner_nik="3672015506850001", owner_sex=Sex.FEMALE, sector="kuliner"
    )

    outcome = run_import(csv_bytes([row(sektor="Olahan Ikan", tenaga_kerja="4")]))

    assert (outcome.updated, outcome.rejected) == (1, 0)
    umkm.refresh_from_db()
    assert (umkm.sector, umkm.workers) == ("kuliner", 4)
    assert "Olahan Ikan" in _warnings(outcome)[2]
    assert "'Olahan Ikan'" in umkm.history.latest().history_change_reason


def test_a_long_file_name_and_a_sector_word_still_fit_the_history_reason():
    run_import(csv_bytes([row(sektor="Keripik " * 20)]), filename=f"{'x' * 200}.csv")

    assert len(UMKM.objects.get().history.get().history_change_reason) == 100


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"nama_usaha": "Warung\x00Siti"}, "nama_usaha"),
        ({"alamat": "Jl. Raya\x00 1"}, "alamat"),
        ({"catatan": "\x00"}, "catatan"),  # a column the import does not even read
    ],
)
def test_a_nul_byte_rejects_its_own_row_and_the_rest_imports(cells, column):
    outcome = run_import(csv_bytes([GOOD, row(**cells), row(nama_usaha="Ketiga")]))

    assert (outcome.created, outcome.rejected) == (2, 1)
    assert column in reasons(outcome)[3] and "NUL" in reasons(outcome)[3]
    assert "\x00" not in "".join(outcome.rejected_rows[0]["cells"])


@pytest.mark.parametrize(
    "cells",
    [
        {"tenaga_kerja": "\u00b2"},
        {"modal_usaha": "5\u00b2000"},
        {"omzet_tahunan": "\u00b9\u00b2 juta"},
        {"tahun_mulai": "20\u00b2\u00b2"},
        {"nik": "367201550685000\u00b2"},
        {"tanggal_daftar": "01/01/20\u00b2\u00b2"},
    ],
)
def test_a_superscript_digit_rejects_its_own_row(cells):
    outcome = run_import(csv_bytes([GOOD, row(**cells)]))

    assert (outcome.created, list(reasons(outcome))) == (1, [3])


def test_a_huge_cell_rejects_its_own_row_and_the_file_still_imports():
    huge = "x" * (10 * 1024 * 1024)

    outcome = run_import(csv_bytes([GOOD, row(alamat=huge), row(nama_usaha="Ketiga")]))

    assert outcome.file_error == ""
    assert (outcome.created, list(reasons(outcome))) == (2, [3])
    assert "alamat" in reasons(outcome)[3]
    assert len(outcome.rejected_rows[0]["cells"][-1]) <= 32_767  # not 10 MB kept in the outcome


def test_utf16_unicode_text_from_excel_is_read():
    text = "\t".join(["nama_usaha", "nama_pemilik", "nik", "kelurahan", "alamat"]) + "\r\n"
    text += "\t".join(["Warung Bu Siti", "Siti Aminah", "3672015506850001", "Cibeber", "Jl. Café"])
    for encoding in ("utf-16-le", "utf-16-be"):
        UMKM.objects.all().delete()
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE

        outcome = run_import(bom + text.encode(encoding), filename="umkm.txt")

        assert (outcome.file_error, outcome.created, outcome.delimiter) == ("", 1, "\t")
        assert UMKM.objects.get().address == "Jl. Café"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF32_LE + "nama_usaha,nik\n".encode("utf-32-le"), "UTF-32"),
        ("nama_usaha,nama_pemilik,nik,kelurahan\n".encode("utf-16-le"), "UTF-16"),
    ],
)
def test_an_encoding_it_cannot_read_is_refused_by_name(data, encoding):
    outcome = run_import(data)

    assert encoding in outcome.file_error
    assert not UMKM.objects.exists()


def test_the_rejected_rows_file_keeps_the_delimiter_of_the_upload():
    data = csv_bytes([GOOD, row(nik="salah")], delimiter=";")

    outcome = run_import(data, dry_run=True)

    lines = rejected_rows_csv(outcome).lstrip("\ufeff").splitlines()
    assert lines[0].split(";")[2:6] == ["nama_usaha", "nama_pemilik", "nik", "kelurahan"]
    assert next(csv.reader(io.StringIO(lines[1]), delimiter=";"))[0] == "3"


def test_formula_headers_of_an_upload_are_neutralised_in_the_rejected_rows_files():
    header = '=HYPERLINK("http://x.test","klik")'
    data = csv_bytes([{**row(nik="salah"), header: "=1+1"}])

    outcome = run_import(data, dry_run=True)

    csv_header = next(csv.reader(io.StringIO(rejected_rows_csv(outcome).lstrip("\ufeff"))))
    assert csv_header[-1] == "'" + header
    sheet = load_workbook(io.BytesIO(rejected_rows_xlsx(outcome))).worksheets[0]
    assert sheet.cell(row=1, column=7).value == "'" + header
    assert sheet.cell(row=2, column=7).value == "'=1+1"


# Through the pages: preview and apply agree, and nothing answers 500.


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, data: bytes, name="data.csv"):
    return client.post(
        reverse("registry:import"),
        {"file": SimpleUploadedFile(name, data), "default_source": "dinkop"},
    )


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (csv_bytes([GOOD, row(nama_usaha="Nul\x00"), row(nama_usaha="Ketiga")]), "data.csv"),
        (
            xlsx_bytes(
                [
                    ["nama_usaha", "nama_pemilik", "nik", "kelurahan", "tenaga_kerja"],
                    ["Toko Baik", "Budi", "3672011506850002", "Cibeber", "3"],
                    ["Dua", "Budi", "3672011506850002", "Cibeber", "\u00b2"],
                    ["Ketiga", "Siti Aminah", "3672015506850001", "Cibeber", 2],
                ]
            ),
            "data.xlsx",
        ),
    ],
)
def test_preview_and_apply_agree_when_one_row_is_bad(client_as, data, name):
    client = client_as(Role.STAF_DINAS)

    response = _upload(client, data, name)

    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert client.get(response.url).status_code == 200
    assert (batch.outcome["created"], len(batch.outcome["rejected_rows"])) == (2, 1)
    applied = client.post(reverse("registry:import-apply", args=[batch.pk]))
    assert applied.status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED
    assert (batch.outcome["created"], len(batch.outcome["rejected_rows"])) == (2, 1)
    assert set(UMKM.objects.values_list("name", flat=True)) == {"Toko Baik", "Ketiga"}
    rejected = client.get(reverse("registry:import-rejected", args=[batch.pk, "csv"]))
    assert rejected.status_code == 200


def test_the_preview_shows_new_businesses_changes_and_warnings(client_as):
    UMKMFactory(
        name="Warung Bu Siti",
        owner_nik="3672015506850001",
        owner_sex=Sex.FEMALE,
        workers=2,
        capital=5_000_000,
    )
    client = client_as(Role.STAF_DINAS)
    data = csv_bytes(
        [
            row(tenaga_kerja="7", modal_usaha="7500000", sektor=""),
            {**GOOD, "sektor": "Keripik"},
        ]
    )

    response = _upload(client, data)
    page = client.get(response.url).content.decode()

    assert 'data-testid="creations"' in page and "Toko Baik" in page
    changes = page.split('data-testid="changes"')[1].split("</table>")[0]
    assert "Warung Bu Siti" in changes
    assert ">2<" in changes and ">7<" in changes  # tenaga kerja: from 2 to 7
    assert "Rp5.000.000" in changes and "Rp7.500.000" in changes
    warnings = page.split('data-testid="warnings"')[1].split("</table>")[0]
    assert "Keripik" in warnings
