"""The columns of a registry export. Their headers are the import's column names, so a
full export (by a user allowed to see NIKs) can be corrected and imported back."""

from __future__ import annotations

from django.utils import timezone

from cilegon_umkm.kernel.spreadsheets import Column, Kind

EXPORT_LIMIT = 100_000


def umkm_export_columns(*, full_nik: bool, phone: bool) -> list[Column]:
    nik = (lambda u: u.owner_nik) if full_nik else (lambda u: u.masked_nik)
    phone_value = (lambda u: u.owner_phone) if phone else (lambda u: u.masked_phone)
    return [
        Column("id", lambda u: u.pk, Kind.NUMBER, 8),
        Column("nama_usaha", lambda u: u.name, width=32),
        Column("nama_pemilik", lambda u: u.owner_name, width=24),
        Column("nik", nik, Kind.IDENTIFIER, 20),
        Column("jenis_kelamin", lambda u: u.owner_sex, width=6),
        Column("nib", lambda u: u.nib, Kind.IDENTIFIER, 16),
        Column("no_hp", phone_value, Kind.IDENTIFIER, 16),
        Column("alamat", lambda u: u.address, width=36),
        Column("kelurahan", lambda u: u.kelurahan.name),
        Column("kecamatan", lambda u: u.kelurahan.kecamatan.name),
        Column("kbli", lambda u: u.kbli, Kind.IDENTIFIER, 8),
        Column("sektor", lambda u: u.sector),
        Column("produk", lambda u: u.product, width=24),
        Column("modal_usaha", lambda u: u.capital, Kind.NUMBER),
        Column("omzet_tahunan", lambda u: u.annual_turnover, Kind.NUMBER),
        Column("skala", lambda u: u.size, width=10),
        Column("tenaga_kerja", lambda u: u.workers, Kind.NUMBER, 8),
        Column("tahun_mulai", lambda u: u.year_started, Kind.NUMBER, 8),
        Column("sumber_data", lambda u: u.source),
        Column("status", lambda u: u.status),
        Column("wirausaha", lambda u: "ya" if u.is_entrepreneur else "tidak", width=8),
        Column("tanggal_daftar", lambda u: timezone.localtime(u.created_at).date(), Kind.DATE),
        Column(
            "sertifikasi", lambda u: ", ".join(c.kind for c in u.certifications.all()), width=16
        ),
    ]
