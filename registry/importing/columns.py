"""The columns of an import file and the model fields they fill."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..errors import ImportFileError

# Import column -> UMKM field. Headers match ignoring case, spaces and underscores.
REQUIRED = {
    "nama_usaha": "name",
    "nama_pemilik": "owner_name",
    "nik": "owner_nik",
    "kelurahan": "kelurahan",
}
OPTIONAL = {
    "jenis_kelamin": "owner_sex",
    "nib": "nib",
    "no_hp": "owner_phone",
    "alamat": "address",
    "kecamatan": "kecamatan",  # only checked against the kelurahan
    "kbli": "kbli",
    "sektor": "sector",
    "produk": "product",
    "modal_usaha": "capital",
    "omzet_tahunan": "annual_turnover",
    "tenaga_kerja": "workers",
    "tahun_mulai": "year_started",
    "sumber_data": "source",
    # Beyond the office's template: kept when an older registry is moved in.
    "status": "status",
    "wirausaha": "is_entrepreneur",
    "tanggal_daftar": "created_at",  # used only when the business is created
}
ALL_COLUMNS = {**REQUIRED, **OPTIONAL}


def header_key(header: str) -> str:
    return "_".join(header.strip().lower().replace("_", " ").split())


def map_headers(headers: list[str]) -> dict[str, int]:
    """Column name -> position in the row. Unknown headers are ignored (a spreadsheet often
    carries notes); a missing required column makes the file unusable."""
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if key in ALL_COLUMNS and key not in positions:
            positions[key] = index
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s. The first row must hold the headers.")
            % {"columns": ", ".join(missing)}
        )
    return positions
