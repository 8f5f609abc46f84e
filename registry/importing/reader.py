"""Reading a CSV or XLSX file into rows of text cells. A file that cannot be read at all
raises ImportFileError with one clear message; nothing is written then."""

from __future__ import annotations

import codecs
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
    # A CSV row whose opening quotation mark was never closed: it swallowed the lines up to
    # this one (the end of the file), and is rejected saying so.
    unclosed_quote_until: int | None = None


@dataclass
class Sheet:
    headers: list[str]
    rows: list[SheetRow]
    delimiter: str = ","  # of a CSV file, so that its rejected rows come back the same way


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
        return _to_sheet(_xlsx_lines(data))
    if name.endswith((".csv", ".txt")):
        text = _decode(data)
        delimiter, declared = _delimiter(text)
        lines = _csv_lines(text, delimiter)
        if declared:
            next(lines, None)  # Excel's "sep=;" line is no header
        return _to_sheet(lines, delimiter=delimiter)
    raise ImportFileError(
        _("Only CSV and XLSX files can be imported (this is %(name)s).") % {"name": filename}
    )


def _to_sheet(lines: Iterator[SheetRow], *, delimiter: str = ",") -> Sheet:
    headers = None
    rows = []
    for row in lines:
        if not any(cell.strip() for cell in row.cells):
            continue  # blank lines, before or between rows, carry nothing
        if headers is None:
            # A NUL cannot be stored (PostgreSQL text, JSON); headers are only names.
            headers = [cell.replace("\x00", "").strip() for cell in row.cells]
            continue
        rows.append(row)
    if headers is None:
        raise ImportFileError(_("The file has no header row."))
    return Sheet(headers, rows, delimiter)


_UNREADABLE_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "UTF-32"),
]
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode(data: bytes) -> str:
    for bom, encoding in _UNREADABLE_BOMS:
        if data.startswith(bom):
            raise _unreadable(encoding)
    if data.startswith(_UTF16_BOMS):
        # Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _unreadable("UTF-16") from error
    head = data[:4096]
    even, odd = sorted([head[0::2].count(0), head[1::2].count(0)])
    if odd > len(head) // 4 and even < odd // 10:
        # Every other byte zero: UTF-16 that lost its byte order mark (NULs in a cell, on
        # both sides, are only that row's problem). Guessing the byte order could turn the
        # whole file into nonsense, so it is refused by name.
        raise _unreadable(_("UTF-16 without a byte order mark"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; accept it rather than refuse.
        return data.decode("cp1252", errors="replace")


def _unreadable(encoding: str) -> ImportFileError:
    return ImportFileError(
        _(
            "The file is encoded as %(encoding)s, which the import cannot read. Save it as "
            '"CSV UTF-8" or as an Excel workbook (XLSX).'
        )
        % {"encoding": encoding}
    )


def _delimiter(text: str) -> tuple[str, bool]:
    """The delimiter, and whether the file declares it on a first line of its own ("sep=;",
    as Excel writes and reads)."""
    first_line = text.split("\n", 1)[0].strip()
    if len(first_line) == 5 and first_line.lower().startswith("sep="):
        return first_line[4], True
    return max([",", ";", "\t"], key=first_line.count), False  # a tie keeps the comma


def _csv_lines(text: str, delimiter: str) -> Iterator[SheetRow]:
    # The reader's own limit (128 KB a cell) would refuse the whole file for one huge cell;
    # the file's size is already bounded, and the row validator rejects that row alone.
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row, row_end = None, 0
    try:
        for cells in reader:
            if row is not None:
                yield row
            # Numbered by the line it starts on (a quoted cell may hold line breaks).
            row = SheetRow(row_end + 1, cells)
            row_end = reader.line_num
        if row is not None:
            if row.number < row_end and _ends_inside_quotes(text):
                row.unclosed_quote_until = row_end  # the last row ran to the end of the file
            yield row
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


def _ends_inside_quotes(text: str) -> bool:
    """Whether the file ends inside a quoted cell: an odd number of quotation marks (a quote
    inside a quoted cell is written twice, so a closed file has an even number)."""
    return text.count('"') % 2 == 1


def _xlsx_lines(data: bytes) -> Iterator[SheetRow]:
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
            yield SheetRow(number, [_cell_text(value) for value in values])
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
