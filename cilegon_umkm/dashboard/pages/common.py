"""Helpers the dashboard pages share: links to the lists behind a figure, month labels,
and the per-kecamatan rows."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.periods import YearMonth

from ..figures import Breakdown, Chart, Row


def link(name: str, **params) -> str:
    """reverse(name) with the non-empty params as a query string."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")}, doseq=True)
    return reverse(name) + (f"?{query}" if query else "")


def month_label(month: int) -> str:
    return str(MONTHS_3[month]).title()


def months_labels(months: Sequence[YearMonth]) -> list[str]:
    """ "Mar", ...; "Nov 2025", "Des 2025", "Jan 2026", ... when the months cross a year."""
    with_year = len({m.year for m in months}) > 1
    return [month_label(m.month) + (f" {m.year}" if with_year else "") for m in months]


def label_of(choices, value) -> str:
    """A choice's label; the raw value when it is no longer a choice, "unknown" when empty."""
    if value in (None, ""):
        return _("unknown")
    return str(dict(choices).get(value, value))


def trend(key, title, months: Sequence[YearMonth], columns, values_of) -> Breakdown:
    """A month-by-month breakdown, drawn as columns (the first column) over its table."""
    return Breakdown(
        key=key,
        title=title,
        label_header=_("Month"),
        columns=tuple(columns),
        rows=[
            Row(label, tuple(values_of(m)), short_label=month_label(m.month))
            for m, label in zip(months, months_labels(months), strict=True)
        ],
        chart=Chart.TREND,
    )


def per_kecamatan(key, title, kecamatan, columns, values_of, link_of=None) -> Breakdown:
    """One row per kecamatan (in `kecamatan`, id -> name, already limited to the filter)."""
    return Breakdown(
        key=key,
        title=title,
        label_header=_("Kecamatan"),
        columns=tuple(columns),
        rows=[
            Row(name, tuple(values_of(pk)), link_of(pk) if link_of else "")
            for pk, name in kecamatan.items()
        ],
    )
