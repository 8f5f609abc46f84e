"""The rejected rows of an import, as a file the office can fix and import again: the row
number and the reason first, then the row as it was."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from cilegon_umkm.kernel.spreadsheets import Column, Kind, iter_csv, write_xlsx


def _columns(headers: list[str]) -> list[Column]:
    columns = [
        Column(_("row"), lambda row: row["number"], Kind.NUMBER, width=8),
        Column(_("reason"), lambda row: row["reason"], Kind.TEXT, width=60),
    ]
    for index, header in enumerate(headers):
        columns.append(
            Column(header, lambda row, i=index: row["cells"][i] if i < len(row["cells"]) else "")
        )
    return columns


def rejected_rows_csv_chunks(outcome) -> Iterable[str]:
    return iter_csv(
        outcome.rejected_rows, _columns(outcome.headers), delimiter=outcome.delimiter or ","
    )


def rejected_rows_csv(outcome) -> str:
    return "".join(rejected_rows_csv_chunks(outcome))


def rejected_rows_xlsx(outcome) -> bytes:
    return write_xlsx(outcome.rejected_rows, _columns(outcome.headers), title=_("Rejected rows"))
