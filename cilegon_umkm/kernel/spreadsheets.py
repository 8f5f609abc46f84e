"""Writing CSV and XLSX files that are safe to open in Excel.

- Free text that starts like a formula (=, +, -, @, tab, carriage return) is written with a
  leading apostrophe, so a spreadsheet shows it instead of running it (CSV/formula injection).
- Identifiers (NIK, NIB, phone) are written as text, never as numbers, so that "+62..." and
  16-digit NIKs survive a round trip through Excel instead of turning into 3.67E+15.
- Control characters (other than tab and line breaks) are dropped: an XLSX file cannot hold
  them, and one such character in one name must not break a whole export.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """ "=HYPERLINK(...)" -> "'=HYPERLINK(...)", without control characters; ordinary text
    is returned as it is."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class Kind(Enum):
    TEXT = "text"  # free text: neutralised
    IDENTIFIER = "id"  # digits or +62...: always a text cell, validated, never a formula
    NUMBER = "number"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]
    kind: Kind = Kind.TEXT
    width: int = 18


def _cell(value: object, kind: Kind) -> object:
    if value is None or value == "":
        return None
    if kind is Kind.NUMBER:
        return value
    if kind is Kind.DATE:
        return (
            timezone.localtime(value).replace(tzinfo=None) if isinstance(value, datetime) else value
        )
    text = str(value)
    return ILLEGAL_CHARACTERS_RE.sub("", text) if kind is Kind.IDENTIFIER else neutralize(text)


def table_rows(objects: Iterable[object], columns: list[Column]) -> Iterable[list[object]]:
    for obj in objects:
        yield [_cell(column.value(obj), column.kind) for column in columns]


def iter_csv(
    objects: Iterable[object], columns: list[Column], *, delimiter: str = ","
) -> Iterable[str]:
    """CSV text in chunks, header first, with a BOM so that Excel reads UTF-8. Headers may
    come from an uploaded file: they are neutralised like any text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    buffer.write("\ufeff")
    writer.writerow([neutralize(column.header) for column in columns])
    for n, row in enumerate(table_rows(objects, columns), start=1):
        writer.writerow(["" if value is None else _csv_text(value) for value in row])
        if n % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _csv_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_xlsx(objects: Iterable[object], columns: list[Column], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name(title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralize(column.header))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table_rows(objects, columns):
        # openpyxl writes str as a text cell; only a leading "=" would make it a formula,
        # and _cell() has already neutralised those.
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A download of an XLSX file the portal wrote (`filename` ends in .xlsx)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _attachment(filename)
    return response


def csv_response(chunks: Iterable[str], filename: str) -> StreamingHttpResponse:
    """A streamed download of CSV text (iter_csv's chunks; `filename` ends in .csv)."""
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(filename)
    return response


def _attachment(filename: str) -> str:
    # Django gives None only for a download that is neither an attachment nor named.
    return content_disposition_header(True, filename) or "attachment"


def sheet_name(title: str, used: set[str] | None = None) -> str:
    """A worksheet's name by Excel's rules (at most 31 characters, none of []:*?/\\, unique
    in the book), cut at a word rather than in the middle of one."""
    clean = " ".join(re.sub(r"[\[\]:*?/\\]", " ", str(title)).split()) or "Sheet"
    limit = 28 if used is not None else 31  # room for " (2)" when names must be unique
    if len(clean) > limit:
        cut = clean[: limit + 1].rsplit(" ", 1)[0]
        clean = (cut if len(cut) >= limit // 2 else clean[:limit]).rstrip(" ,.;-")
    if used is None:
        return clean
    name, n = clean, 2
    while name in used:
        name, n = f"{clean[:25].rstrip()} ({n})", n + 1
    used.add(name)
    return name
