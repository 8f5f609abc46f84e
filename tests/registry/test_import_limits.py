"""Found by trying to break the import as an office might: figures no business has, dates
before any registry, invisible characters, an unclosed quotation mark, Excel's "sep=" line.
Each costs only its own row, and nothing imported can break a page or an export later."""

import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role
from registry.models import UMKM, Kelurahan
from registry.sectors import sector_word_key
from registry.services import sector_word_save

from .importing import csv_bytes, reasons, row, run_import

pytestmark = pytest.mark.django_db

GOOD = row(nama_usaha="Toko Baik", nik="3672011506850002", nama_pemilik="Budi")
HEADER = "nama_usaha,nama_pemilik,nik,kelurahan"


@pytest.mark.parametrize(
    "cells",
    [
        {"modal_usaha": "99999999999 miliar"},
        {"omzet_tahunan": "9" * 25},
        {"modal_usaha": "1000000000000001"},
    ],
)
def test_an_amount_no_business_has_rejects_its_row_and_the_rest_is_saved(cells):
    outcome = run_import(csv_bytes([GOOD, row(**cells)]))

    assert (outcome.created, list(reasons(outcome))) == (1, [3])
    assert "Rp1.000 triliun" in reasons(outcome)[3]


@pytest.mark.parametrize("written", ["01/01/0001", "0001-01-01", "31/12/1899"])
def test_a_registration_date_before_1900_rejects_its_row(written):
    outcome = run_import(csv_bytes([GOOD, row(tanggal_daftar=written)]))

    assert (outcome.created, list(reasons(outcome))) == (1, [3])
    assert "1900" in reasons(outcome)[3]


def test_a_control_character_rejects_its_row_and_the_rejected_rows_xlsx_still_opens(client_as):
    outcome = run_import(csv_bytes([GOOD, row(nama_usaha="Ctl\x01Usaha")]))

    assert (outcome.created, list(reasons(outcome))) == (1, [3])
    assert "U+0001" in reasons(outcome)[3]


def test_a_name_with_a_control_character_does_not_break_the_registry_export(client_as):
    UMKM.objects.create(
        name="Bad\x02Name",
        name_key="badname",
        owner_name="A",
        owner_nik="3672015506850001",
        owner_sex="P",
        kelurahan=Kelurahan.objects.first(),
        sector="kuliner",
        source="dinkop",
    )  # fmt: skip  (as an import before this rule left it)

    response = client_as(Role.STAF_DINAS).get(reverse("registry:umkm-export", args=["xlsx"]))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "BadName" in [cell.value for line in sheet.iter_rows() for cell in line]


def test_a_cell_of_nuls_is_its_row_s_problem_not_a_utf16_file():
    data = csv_bytes([GOOD, row(alamat="\x00" * 1500), row(nama_usaha="Ketiga")])

    outcome = run_import(data)

    assert outcome.file_error == ""
    assert (outcome.created, list(reasons(outcome))) == (2, [3])


def test_an_unclosed_quotation_mark_is_named_with_the_lines_it_swallowed():
    data = (
        f"{HEADER}\n"
        "Toko Baik,Budi,3672011506850002,Cibeber\n"
        '"Usaha Kutip,Ani,3672015506850001,Cibeber\n'
        "Ketiga,Cici,3672015506850003,Cibeber\n"
    ).encode()

    outcome = run_import(data)

    assert (outcome.created, list(reasons(outcome))) == (1, [3])
    assert reasons(outcome)[3] == _(
        'A quotation mark (") opened in this row is never closed, so lines %(first)s to '
        "%(last)s were read as this one row. Close the quotation mark, or remove it, and "
        "import those rows again."
    ) % {"first": 3, "last": 4}


def test_a_quoted_cell_with_a_line_break_is_numbered_by_the_line_it_starts_on():
    data = (
        f"{HEADER},alamat\n"
        'Toko Baik,Budi,3672011506850002,Cibeber,"Jl. Satu\nRT 01"\n'
        "Kedua,Ani,36720155068500XX,Cibeber,\n"
    ).encode()

    outcome = run_import(data)

    assert (outcome.created, list(reasons(outcome))) == (1, [4])


def test_excel_s_sep_line_declares_the_delimiter():
    data = f"sep=;\n{HEADER.replace(',', ';')}\nToko Baik;Budi;3672011506850002;Cibeber\n".encode()

    outcome = run_import(data)

    assert (outcome.file_error, outcome.created) == ("", 1)


def test_a_huge_cell_s_size_is_written_with_thousands_separators():
    outcome = run_import(csv_bytes([GOOD, row(alamat="x" * 40_000)]))

    assert "40.000" in reasons(outcome)[3] and "32.767" in reasons(outcome)[3]


def test_a_word_without_letters_can_still_be_mapped(make_user):
    run_import(csv_bytes([row(sektor="🍩🍩")]))
    mapping = sector_word_save(word="🍩🍩", sector="kuliner", user=make_user(Role.STAF_DINAS))

    assert mapping.key == sector_word_key("🍩 🍩") != ""
    run_import(csv_bytes([row(nama_usaha="Donat Dua", sektor="🍩🍩")]))
    assert UMKM.objects.get(name="Donat Dua").sector == "kuliner"
