"""umkm_import: the office's spreadsheets into the registry."""

from datetime import date

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.importing.reader import MAX_FILE_BYTES
from registry.models import UMKM, Sex, Source
from tests.factories import UserFactory

from .factories import UMKMFactory
from .importing import csv_bytes, reasons, row, run_import, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_it_creates_businesses_from_a_csv_with_every_column():
    data = csv_bytes(
        [
            row(
                jenis_kelamin="P",
                nib="9120001234567",
                no_hp="0812-3456-7890",
                alamat="Jl. Raya Cilegon No. 5",
                kecamatan="Kec. Cibeber",
                kbli="56102",
                sektor="Makanan & Minuman",
                produk="nasi uduk",
                modal_usaha="Rp 5.000.000",
                omzet_tahunan="60.000.000",
                tenaga_kerja="3",
                tahun_mulai="2015",
                sumber_data="KemenKopUKM",
            ),
        ]
    )

    outcome = run_import(data)

    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.rejected) == (1, 0, 0, 0)
    umkm = UMKM.objects.get()
    assert umkm.name == "Warung Bu Siti"
    assert umkm.owner_nik == "3672015506850001"
    assert umkm.owner_sex == Sex.FEMALE
    assert umkm.owner_phone == "+6281234567890"
    assert umkm.nib == "9120001234567"
    assert umkm.kelurahan.name == "Cibeber"
    assert umkm.sector == "kuliner"
    assert (umkm.capital, umkm.annual_turnover) == (5_000_000, 60_000_000)
    assert umkm.size == "mikro"
    assert (umkm.workers, umkm.year_started) == (3, 2015)
    assert umkm.source == Source.KEMENKOPUKM
    assert umkm.status == "aktif" and umkm.is_entrepreneur


def test_it_fills_what_a_minimal_row_leaves_open():
    run_import(csv_bytes([row(kbli="96200")]), source="lapangan")

    umkm = UMKM.objects.get()
    assert umkm.owner_sex == Sex.FEMALE  # from the NIK (day + 40)
    assert umkm.sector == "jasa"  # from the KBLI code (laundry)
    assert umkm.source == Source.FIELD  # the import's default source
    assert umkm.nib is None  # blank is NULL, so a second blank NIB is no duplicate


def test_it_changes_nothing_when_the_same_file_comes_twice():
    data = csv_bytes(
        [
            row(),
            row(nama_usaha="Laundry Siti", nib="9120001234567"),
            row(nik="3672011506850002", nama_pemilik="Budi"),
        ]
    )
    run_import(data)
    history = UMKM.history.count()

    outcome = run_import(data)

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
    assert UMKM.objects.count() == 3
    assert UMKM.history.count() == history


def test_it_updates_the_business_with_the_same_nik_and_name_ignoring_case_and_spaces():
    umkm = UMKMFactory(
        name="Warung Bu Siti", owner_nik="3672015506850001", owner_sex=Sex.FEMALE, workers=2
    )

    outcome = run_import(csv_bytes([row(nama_usaha="WARUNG  bu siti", tenaga_kerja="5")]))

    assert (outcome.created, outcome.updated) == (0, 1)
    umkm.refresh_from_db()
    assert umkm.workers == 5
    assert umkm.name == "WARUNG bu siti"  # the file's spelling wins


def test_it_updates_the_business_with_the_same_nib_even_when_renamed():
    umkm = UMKMFactory(
        name="Toko Lama", nib="9120001234567", owner_nik="3672015506850001", owner_sex=Sex.FEMALE
    )

    outcome = run_import(csv_bytes([row(nama_usaha="Toko Baru", nib="9120001234567")]))

    assert outcome.updated == 1
    umkm.refresh_from_db()
    assert umkm.name == "Toko Baru"


def test_blank_cells_keep_what_is_registered():
    umkm = UMKMFactory(
        name="Warung Bu Siti",
        owner_name="Siti Aminah",
        owner_nik="3672015506850001",
        owner_sex=Sex.FEMALE,
        owner_phone="+6281111111111",
        capital=7_000_000,
    )

    outcome = run_import(csv_bytes([row(no_hp="", modal_usaha="", produk="")]))

    assert outcome.unchanged == 1
    umkm.refresh_from_db()
    assert (umkm.owner_phone, umkm.capital) == ("+6281111111111", 7_000_000)


def test_it_records_every_import_change_in_the_history_with_the_importer(make_user):
    staff = make_user(username="siti")
    umkm = UMKMFactory(
        name="Warung Bu Siti", owner_nik="3672015506850001", owner_sex=Sex.FEMALE, workers=1
    )

    run_import(
        csv_bytes([row(tenaga_kerja="4"), row(nama_usaha="Toko Baru")]),
        user=staff,
        filename="data.csv",
    )

    update = umkm.history.latest()
    assert (update.history_type, update.workers, update.history_user) == ("~", 4, staff)
    assert update.history_change_reason == "Impor data.csv"
    assert update.name == "Warung Bu Siti"  # a full snapshot, not only the changed field
    created = UMKM.objects.get(name="Toko Baru").history.get()
    assert (created.history_type, created.history_user) == ("+", staff)
    assert created.owner_nik == "3672015506850001"


def test_a_dry_run_reports_and_writes_nothing():
    outcome = run_import(csv_bytes([row(), row(nik="123")]), dry_run=True)

    assert (outcome.created, outcome.rejected) == (1, 1)
    assert not UMKM.objects.exists()


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"nama_usaha": ""}, "Nama usaha kosong"),
        ({"nama_pemilik": ""}, "Nama pemilik kosong"),
        ({"nik": ""}, "NIK kosong"),
        ({"kelurahan": ""}, "Kelurahan kosong"),
        ({"nik": "367201550685"}, "NIK harus tepat 16 digit"),
        ({"nik": "3.67202E+15"}, "format kolom sebagai Teks"),
        ({"nik": "3672019906850001"}, "bukan tanggal lahir"),
        ({"nik": "2272015506850001"}, "bukan kode provinsi"),
        (
            {"kelurahan": "Grogol", "kecamatan": "Cibeber"},
            "berada di Kecamatan Gerogol, bukan Cibeber",
        ),
        ({"nib": "12345"}, "NIB harus tepat 13 digit"),
        ({"no_hp": "12345"}, "bukan nomor telepon Indonesia"),
        ({"modal_usaha": "lima juta"}, "bukan jumlah Rupiah"),
        ({"modal_usaha": "-5000"}, "tidak boleh negatif"),
        ({"omzet_tahunan": "1.500,50"}, "bilangan bulat Rupiah"),
        ({"tenaga_kerja": "banyak"}, "harus bilangan bulat"),
        ({"tenaga_kerja": "\u00b2"}, "harus bilangan bulat"),  # isdigit() says yes, int() no
        ({"tahun_mulai": "\u00b2\u00b2"}, "tahun"),
        ({"kbli": "\u00b2\u00b2102"}, "KBLI"),
        ({"tahun_mulai": "2099"}, "antara 1900 dan tahun ini"),
        ({"jenis_kelamin": "L"}, "tidak sesuai dengan NIK"),
        ({"jenis_kelamin": "X"}, "tulis L atau P"),
        ({"kbli": "04111"}, "bukan kode KBLI 2020"),
        ({"sumber_data": "entah"}, "Sumber data entah tidak dikenal"),
        ({"nama_usaha": "x" * 201}, "lebih dari 200 karakter"),
    ],
)
def test_it_rejects_a_bad_row_with_the_reason_and_keeps_the_good_ones(cells, reason):
    good = row(nama_usaha="Toko Baik", nik="3672011506850002", nama_pemilik="Budi")

    outcome = run_import(csv_bytes([good, row(**cells)]))

    assert outcome.created == 1
    assert reason.lower() in reasons(outcome)[3].lower()
    assert UMKM.objects.get().name == "Toko Baik"


def test_it_lists_every_problem_of_a_row_at_once():
    outcome = run_import(csv_bytes([row(nik="123", kelurahan="Kebayoran", modal_usaha="banyak")]))

    reason = reasons(outcome)[2]
    assert "NIK" in reason and "Kebayoran" in reason and "banyak" in reason


@pytest.mark.parametrize(
    ("cells", "place"),
    [
        ({"kelurahan": "Kelurahan Antah Berantah"}, ("Kelurahan", "Antah Berantah")),
        ({"kelurahan": "Kebayoran"}, ("Kelurahan", "Kebayoran")),
        ({"kecamatan": "Kec. Serang"}, ("Kecamatan", "Serang")),
    ],
)
def test_an_unknown_place_is_named_once_without_its_prefix(cells, place):
    outcome = run_import(csv_bytes([row(**cells)]))

    reason = reasons(outcome)[2]
    label, name = place
    assert _(f"{label} '%(value)s' is unknown in Kota Cilegon.") % {"value": name} == reason
    assert f"{label} {label}" not in reason and "Kec." not in reason


def test_the_reasons_of_a_row_are_separate_sentences():
    outcome = run_import(csv_bytes([row(nik="123", kelurahan="Kebayoran", modal_usaha="banyak")]))

    reason = reasons(outcome)[2]
    assert ".;" not in reason and ";" not in reason
    assert reason.count(". ") == 2


def test_the_first_of_duplicate_rows_in_a_file_is_imported_and_the_others_rejected():
    data = csv_bytes(
        [
            row(),
            row(nama_usaha="warung bu siti"),
            row(nama_usaha="Laundry", nib="9120001234567"),
            row(nama_usaha="Laundry 2", nib="9120001234567"),
            row(nama_usaha="WARUNG BU SITI", tenaga_kerja="9"),
        ]
    )

    outcome = run_import(data)

    assert (outcome.created, outcome.rejected) == (2, 3)
    differs = _(
        "The same business as row %(row)s (same owner NIK and name, or same NIB), "
        "with other values; put what is right into one row."
    )
    assert reasons(outcome) == {
        3: _("Same as row %(row)s.") % {"row": 2},  # the name only in other capitals
        5: differs % {"row": 4},  # another name
        6: differs % {"row": 2},  # the number of workers
    }
    assert set(UMKM.objects.values_list("name", flat=True)) == {"Warung Bu Siti", "Laundry"}
    assert UMKM.objects.get(name="Warung Bu Siti").workers is None  # the first row's values


def test_it_rejects_a_nib_that_contradicts_the_registered_one():
    UMKMFactory(
        name="Warung Bu Siti",
        owner_nik="3672015506850001",
        owner_sex=Sex.FEMALE,
        nib="9120001234567",
    )

    outcome = run_import(csv_bytes([row(nib="9120007654321")]))

    assert "terdaftar dengan NIB 9120001234567" in reasons(outcome)[2]


def test_it_rejects_a_rename_onto_another_registered_business():
    UMKMFactory(
        name="Toko A", owner_nik="3672015506850001", owner_sex=Sex.FEMALE, nib="9120001234567"
    )
    UMKMFactory(name="Toko B", owner_nik="3672015506850001", owner_sex=Sex.FEMALE)

    outcome = run_import(csv_bytes([row(nama_usaha="Toko B", nib="9120001234567")]))

    assert outcome.rejected == 1
    assert UMKM.objects.filter(name="Toko A").exists()


def test_it_reads_semicolon_csv_with_a_bom_and_excel_habits():
    data = csv_bytes(
        [
            row(**{"modal_usaha": "Rp 2.500.000", "kbli": "1111"}),
            row(nama_usaha="Kedua", nik="3672011506850002"),
        ],
        delimiter=";",
        bom=True,
    )
    data = data.replace(b"nama_usaha", b"Nama Usaha").replace(b"nama_pemilik", b"NAMA_PEMILIK")

    outcome = run_import(data)

    assert (outcome.created, outcome.rejected) == (2, 0)
    umkm = UMKM.objects.get(name="Warung Bu Siti")
    assert umkm.capital == 2_500_000
    assert umkm.kbli == "01111"  # Excel dropped the leading zero; it is put back


def test_it_reads_a_windows_excel_csv():
    outcome = run_import(csv_bytes([row(alamat="Jl. Café No. 1")], encoding="cp1252"))

    assert outcome.created == 1
    assert UMKM.objects.get().address == "Jl. Café No. 1"


def test_it_reads_xlsx_with_numbers_where_people_type_numbers():
    data = xlsx_bytes(
        [
            [
                "Nama Usaha",
                "Nama Pemilik",
                "NIK",
                "Kelurahan",
                "Modal Usaha",
                "Tahun Mulai",
                "No HP",
            ],
            [
                "Konveksi Jaya",
                "Asep",
                "3672011506850003",
                "Kel. Karangasem",
                15000000,
                2019,
                "081234567890",
            ],
            [None, None, None, None, None, None, None],
            [
                "Bengkel Motor Ujang",
                "Ujang",
                3672011506850004,
                "Kotabumi",
                7500000.0,
                2020.0,
                81234567891,
            ],
        ]
    )

    outcome = run_import(data, filename="umkm.xlsx")

    assert (outcome.created, outcome.rejected) == (2, 0), outcome.rejected_rows
    assert UMKM.objects.get(name="Konveksi Jaya").kelurahan.name == "Karang Asem"
    bengkel = UMKM.objects.get(name="Bengkel Motor Ujang")
    assert (bengkel.owner_nik, bengkel.capital, bengkel.year_started) == (
        "3672011506850004",
        7_500_000,
        2020,
    )
    assert bengkel.owner_phone == "+6281234567891"


def test_rejected_rows_keep_the_spreadsheet_row_numbers():
    data = xlsx_bytes(
        [
            ["nama_usaha", "nama_pemilik", "nik", "kelurahan"],
            [],
            ["A", "Budi", "3672011506850003", "Cibeber"],
            ["B", "Budi", "salah", "Cibeber"],
        ]
    )

    outcome = run_import(data, filename="umkm.xlsx")

    assert list(reasons(outcome)) == [4]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"nama_usaha,nik\nA,1\n", "umkm.csv", "Kolom wajib tidak ada: nama_pemilik, kelurahan"),
        (b"", "umkm.csv", "Berkas kosong"),
        (b"\n\n\n", "umkm.csv", "Berkas kosong"),
        (b"PK\x03\x04 not really a zip", "umkm.xlsx", "tidak dapat dibuka"),
        (b"%PDF-1.4", "laporan.pdf", "Hanya berkas CSV dan XLSX"),
        (b"x" * (MAX_FILE_BYTES + 1), "umkm.csv", "lebih besar dari 20 MB"),
    ],
)
def test_a_file_that_cannot_be_read_changes_nothing_and_says_why(data, filename, message):
    UMKMFactory()

    outcome = run_import(data, filename=filename)

    assert message.lower() in outcome.file_error.lower()
    assert (outcome.created, outcome.updated, outcome.rejected) == (0, 0, 0)
    assert UMKM.objects.count() == 1


def test_it_accepts_registration_date_status_and_entrepreneur_columns():
    run_import(
        csv_bytes([row(tanggal_daftar="15/03/2021", status="Tidak Aktif", wirausaha="tidak")])
    )

    umkm = UMKM.objects.get()
    assert timezone.localtime(umkm.created_at).date() == date(2021, 3, 15)
    assert umkm.status == "tidak_aktif"
    assert not umkm.is_entrepreneur


def test_the_copy_writer_keeps_the_history_django_simple_history_would():
    """COPY and set-based SQL bypass the audit library: every created or changed business
    still gets one full snapshot per write, with who, why and what, like a save()."""
    staff = UserFactory()
    rows = [
        row(nama_usaha=f"Usaha {n}", nik=f"36720115068500{n:02d}", nib=f"91200012345{n:02d}")
        for n in range(1, 4)
    ]
    run_import(csv_bytes(rows), user=staff)
    rows[0]["modal_usaha"] = "7500000"
    run_import(csv_bytes(rows), user=staff)

    tracked = [
        field.attname
        for field in UMKM.history.model._meta.concrete_fields
        if not field.name.startswith("history_") and field.attname != "history_id"
    ]
    for umkm in UMKM.objects.all():
        snapshots = list(umkm.history.order_by("history_date", "history_id"))
        changed = umkm.nib == rows[0]["nib"]
        assert [s.history_type for s in snapshots] == (["+", "~"] if changed else ["+"])
        for snapshot in snapshots:
            assert snapshot.history_user_id == staff.pk
            assert snapshot.history_change_reason.startswith("Impor")
        latest = snapshots[-1]
        assert {n: getattr(latest, n) for n in tracked} == {n: getattr(umkm, n) for n in tracked}
    first = UMKM.objects.get(nib=rows[0]["nib"]).history.earliest("history_date")
    assert first.capital != 7_500_000


def test_the_garbage_collector_runs_again_after_an_import():
    import gc

    run_import(csv_bytes([row()]))
    assert gc.isenabled()

    gc.disable()
    try:
        run_import(csv_bytes([row(nama_usaha="Lain")]))
        assert not gc.isenabled()  # a caller's choice is left as it was
    finally:
        gc.enable()


def test_a_nib_of_another_owner_is_refused_rather_than_taking_their_business():
    UMKMFactory(name="Toko Orang Lain", nib="9120001234567", owner_nik="3672011506850001")

    outcome = run_import(csv_bytes([row(nama_usaha="Toko Saya", nib="9120001234567")]))

    assert "milik pemilik lain (NIK 3672********0001)" in reasons(outcome)[2]
    assert UMKM.objects.get().name == "Toko Orang Lain"
