"""Building import files for tests: real CSV and XLSX bytes, as the office would send."""

import csv
import io

from openpyxl import Workbook

from registry.services import umkm_import

HEADER = ["nama_usaha", "nama_pemilik", "nik", "kelurahan"]


def row(**overrides) -> dict:
    values = {
        "nama_usaha": "Warung Bu Siti",
        "nama_pemilik": "Siti Aminah",
        "nik": "3672015506850001",
        "kelurahan": "Cibeber",
    }
    values.update(overrides)
    return values


def csv_bytes(
    rows: list[dict], *, delimiter: str = ",", bom: bool = False, encoding="utf-8"
) -> bytes:
    columns = list(dict.fromkeys(key for r in rows for key in r)) or HEADER
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter, restval="")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def run_import(data: bytes, *, filename="umkm.csv", dry_run=False, user=None, source="dinkop"):
    return umkm_import(
        data=data, filename=filename, user=user, dry_run=dry_run, default_source=source
    )


def reasons(outcome) -> dict[int, str]:
    return {rejected["number"]: rejected["reason"] for rejected in outcome.rejected_rows}
