"""Worksheet names by Excel's rules, cut at a word."""

import pytest

from cilegon_umkm.kernel.spreadsheets import sheet_name


@pytest.mark.parametrize(
    ("title", "used", "name"),
    [
        ("Pinjaman disalurkan per kecamatan dan kolektibilitas", None, "Pinjaman disalurkan per"),
        ("Serapan anggaran: bulan/tahun [DAK]", None, "Serapan anggaran bulan tahun"),
        ("Ringkasan", {"Ringkasan"}, "Ringkasan (2)"),
        ("Peserta per kecamatan dan jalur pelatihan", set(), "Peserta per kecamatan dan"),
    ],
)
def test_a_sheet_name_is_cut_at_a_word(title, used, name):
    assert sheet_name(title, used) == name
