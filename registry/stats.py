"""The registry's numbers for the dashboards: businesses registered by the end of the
period (by size, sector, source and kecamatan), new ones per month, and those holding a
valid certification. The period object is the dashboard's (its months, which may cross a year, and
kecamatan).

The counts come from the tally (registry/tally.py): a few thousand rows rather than a
million businesses."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Count, QuerySet, Sum

from cilegon_umkm.kernel.periods import ReportPeriod, YearMonth

from .models import Certification, Kelurahan, UMKMTally
from .selectors import certification_valid_on

K = TypeVar("K")


@dataclass(frozen=True)
class KecamatanBusinesses:
    """One kecamatan's line of the registry's figures."""

    registered: int = 0
    new: int = 0
    certified: int = 0


@dataclass(frozen=True)
class RegistryFigures:
    registered: int  # by the end of the period
    registered_before: int  # before its start
    new: int  # registered in the period
    certified: int  # holding a certification valid at the end of the period
    # (value, businesses), most first, without zeros; a size of None is not known.
    by_size: tuple[tuple[str | None, int], ...]
    by_sector: tuple[tuple[str, int], ...]
    by_source: tuple[tuple[str, int], ...]
    by_kecamatan: dict[int, KecamatanBusinesses]  # a kecamatan with nothing may be left out
    new_per_month: dict[YearMonth, int]  # every month of the period


def registry_stats(period: ReportPeriod) -> RegistryFigures:
    kecamatan_of = dict(Kelurahan.objects.values_list("pk", "kecamatan_id"))
    kelurahan = [k for k, kec in kecamatan_of.items() if kec == period.kecamatan_id]
    totals, new = _from_tally(period, kelurahan if period.kecamatan_id else None)
    by_size: Counter[str | None] = Counter()
    by_sector: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    per_month: Counter[YearMonth] = Counter()
    registered_in: Counter[int] = Counter()
    new_in: Counter[int] = Counter()
    for kelurahan_id, size, sector, source, n in totals:
        by_size[size or None] += n
        by_sector[sector] += n
        by_source[source] += n
        registered_in[kecamatan_of[kelurahan_id]] += n
    for kelurahan_id, month, n in new:
        per_month[YearMonth.of(month)] += n
        new_in[kecamatan_of[kelurahan_id]] += n
    certified = _certified_per_kecamatan(period)
    registered = sum(by_size.values())
    return RegistryFigures(
        registered=registered,
        registered_before=registered - sum(per_month.values()),
        new=sum(per_month.values()),
        certified=sum(certified.values()),
        by_size=_nonzero(by_size),
        by_sector=_nonzero(by_sector),
        by_source=_nonzero(by_source),
        by_kecamatan={
            kecamatan_id: KecamatanBusinesses(
                registered_in[kecamatan_id], new_in[kecamatan_id], certified.get(kecamatan_id, 0)
            )
            for kecamatan_id in registered_in.keys() | new_in.keys() | certified.keys()
        },
        new_per_month={m: per_month.get(m, 0) for m in period.months},
    )


def _nonzero(counter: Counter[K]) -> tuple[tuple[K, int], ...]:
    return tuple((key, n) for key, n in counter.most_common() if n)


def _from_tally(
    period: ReportPeriod, kelurahan: list[int] | None
) -> tuple[
    QuerySet[UMKMTally, tuple[int, str, str, str, int]], QuerySet[UMKMTally, tuple[int, date, int]]
]:
    """(kelurahan, size, sector, source, businesses) by the end of the period, and
    (kelurahan, first day of the month, businesses) registered in it."""
    rows = UMKMTally.objects.filter(registered_month__lte=period.end)
    if kelurahan is not None:
        rows = rows.filter(kelurahan_id__in=kelurahan)
    totals = (
        rows.values_list("kelurahan_id", "size", "sector", "source")
        .annotate(total=Sum("n"))
        .order_by()
    )
    new = (
        rows.filter(registered_month__gte=period.start)
        .values_list("kelurahan_id", "registered_month")
        .annotate(total=Sum("n"))
        .order_by()
    )
    return totals, new


def _certified_per_kecamatan(period: ReportPeriod) -> dict[int, int]:
    """Businesses holding a certification valid at the end of the period, per kecamatan.
    Driven from the (much smaller) certification table, so it stays cheap."""
    valid = Certification.objects.filter(
        certification_valid_on(period.end),
        umkm__created_at__lt=period.end_moment,
        **period.umkm_filter("umkm__"),
    )
    return dict(
        valid.values_list("umkm__kelurahan__kecamatan_id")
        .annotate(n=Count("umkm_id", distinct=True))
        .order_by()
    )
