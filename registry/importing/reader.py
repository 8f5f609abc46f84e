"""Reading a CSV or XLSX file into rows of text cells. A file that cannot be read at all
raises ImportFileError with one clear message; nothing is written then."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from ..errors import ImportFileError

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class SheetRow:
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: list[str]


@dataclass
class Sheet:
    headers: list[str]
    rows: list[SheetRow]


def read_sheet(data: bytes, filename: str) -> Sheet:
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(limit)s MB. Split it into smaller files.")
            % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(data)
    elif name.endswith((".csv", ".txt")):
        lines = _csv_lines(data)
    else:
        raise ImportFileError(
            _("Only CSV and XLSX files can be imported (this is %(name)s).") % {"name": filename}
        )
    return _to_sheet(lines)


def _to_sheet(lines: Iterator[tuple[int, list[str]]]) -> Sheet:
    headers = None
    rows = []
    for number, cells in lines:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, before or between rows, carry nothing
        if headers is None:
            headers = [cell.strip() for cell in cells]
            continue
        rows.append(SheetRow(number, cells))
    if headers is None:
        raise ImportFileError(_("The file has no header row."))
    return Sheet(headers, rows)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; accept it rather than refuse.
        return data.decode("cp1252", errors="replace")


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("The XLSX file cannot be opened; is it really an Excel file?")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """Excel cells as the text a person would have typed: 5000000.0 -> "5000000"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
