"""A dashboard page's figures as an XLSX workbook: a summary sheet (the period, when the
figures were computed, the headline figures and the targets), then one sheet per breakdown.
Numbers stay numbers, with Rupiah and percentage formats, so they can be summed again."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cilegon_umkm.kernel.spreadsheets import neutralize, sheet_name

from .figures import Kind, Page

FORMATS = {Kind.COUNT: "#,##0", Kind.RUPIAH: '"Rp"#,##0', Kind.RATIO: "0.0%"}
BOLD = Font(bold=True)


def page_xlsx(page: Page, period, as_of, kecamatan_name: str | None) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = sheet_name(_("Summary"), set())
    summary.append([page.title])
    summary["A1"].font = BOLD
    summary.append([_("Period"), f"{date_format(period.start)} - {date_format(period.end)}"])
    summary.append([_("Kecamatan"), kecamatan_name or _("All kecamatan")])
    summary.append(
        [_("Figures as of"), timezone.localtime(as_of).replace(tzinfo=None, microsecond=0)]
    )
    summary.cell(summary.max_row, 2).number_format = "dd-mm-yyyy hh:mm"
    summary.append([])
    _header(summary, [_("Figure"), _("Value"), _("Note")])
    for figure in page.figures:
        _row(summary, [neutralize(figure.label), (figure.value, figure.kind), figure.note])
    if page.targets:
        summary.append([])
        _header(summary, [_("Target"), _("Target"), _("Reached"), _("Share")])
        for target in page.targets:
            _row(
                summary,
                [
                    target.label,
                    (target.target, target.kind),
                    (target.actual, target.kind),
                    (target.share, Kind.RATIO),
                ],
            )
    summary.column_dimensions["A"].width = 45
    summary.column_dimensions["B"].width = 22
    summary.column_dimensions["C"].width = 28
    used = {summary.title}
    for breakdown in page.breakdowns:
        sheet = book.create_sheet(sheet_name(str(breakdown.title), used))
        sheet.append([breakdown.title])
        sheet["A1"].font = BOLD
        _header(sheet, [breakdown.label_header, *(c.header for c in breakdown.columns)])
        for row in breakdown.rows:
            kinds = (c.kind for c in breakdown.columns)
            _row(sheet, [neutralize(row.label), *zip(row.values, kinds, strict=True)])
        sheet.column_dimensions["A"].width = 30
        for letter in "BCDEFGH":
            sheet.column_dimensions[letter].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet, titles) -> None:
    sheet.append([str(t) for t in titles])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _row(sheet, cells) -> None:
    """Cells are plain values or (number, Kind) pairs, which get the kind's format."""
    sheet.append([c[0] if isinstance(c, tuple) else c for c in cells])
    for cell, value in zip(sheet[sheet.max_row], cells, strict=False):
        if isinstance(value, tuple) and value[0] is not None:
            cell.number_format = FORMATS[value[1]]
