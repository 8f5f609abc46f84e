"""The registry's dashboard page: how many businesses, how they grow, what they are."""

from __future__ import annotations

from django.utils.translation import gettext as _

from registry.models import Source
from registry.sectors import Sector
from registry.size import Size
from registry.stats import KecamatanBusinesses, RegistryFigures

from ..collect import AppStats
from ..figures import Breakdown, Column, Figure, Kind, Page, Row
from .common import label_of, link, per_kecamatan, trend


def registry_figures(period, stats: RegistryFigures) -> list[Figure]:
    k = period.kecamatan_id
    return [
        Figure(
            "registered",
            _("registered businesses"),
            stats.registered,
            link=link("registry:index", kecamatan=k, terdaftar_sampai=period.end.isoformat()),
        ),
        Figure(
            "new",
            _("newly registered in the period"),
            stats.new,
            link=link(
                "registry:index",
                kecamatan=k,
                terdaftar_dari=period.start.isoformat(),
                terdaftar_sampai=period.end.isoformat(),
            ),
        ),
        Figure(
            "certified-umkm",
            _("with a valid certification"),
            stats.certified,
            link=link(
                "registry:index",
                kecamatan=k,
                sertifikat_berlaku=period.end.isoformat(),
                terdaftar_sampai=period.end.isoformat(),
            ),
        ),
        Figure(
            "certified-share",
            _("share of businesses certified"),
            stats.certified / stats.registered if stats.registered else None,
            Kind.RATIO,
        ),
    ]


def by_choice(key, title, header, rows, choices, param, period) -> Breakdown:
    return Breakdown(
        key=key,
        title=title,
        label_header=header,
        columns=(Column(_("Businesses")),),
        rows=[
            Row(
                label_of(choices, value),
                (n,),
                link(
                    "registry:index",
                    kecamatan=period.kecamatan_id,
                    terdaftar_sampai=period.end.isoformat(),
                    **{param: value},
                )
                if value
                else "",
            )
            for value, n in rows
        ],
    )


def growth(period, stats: RegistryFigures) -> Breakdown:
    running = stats.registered_before
    cumulative = {}
    for month in period.months:
        running += stats.new_per_month[month]
        cumulative[month] = running
    return trend(
        "growth",
        _("New registrations per month"),
        period.months,
        (Column(_("New")), Column(_("Registered in total"))),
        lambda m: (stats.new_per_month[m], cumulative[m]),
    )


def registry_page(period, stats: AppStats, kecamatan) -> Page:
    registry = stats["registry"]
    return Page(
        area="registri",
        title=_("UMKM registry"),
        figures=registry_figures(period, registry),
        breakdowns=[
            growth(period, registry),
            by_choice(
                "by-size",
                _("By size (PP 7/2021)"),
                _("Size"),
                registry.by_size,
                Size.choices,
                "skala",
                period,
            ),
            by_choice(
                "by-sector",
                _("By sector"),
                _("Sector"),
                registry.by_sector,
                Sector.choices,
                "sektor",
                period,
            ),
            by_choice(
                "by-source",
                _("By data source"),
                _("Source"),
                registry.by_source,
                Source.choices,
                "sumber",
                period,
            ),
            per_kecamatan(
                "per-kecamatan",
                _("Per kecamatan"),
                kecamatan,
                (Column(_("Registered")), Column(_("New")), Column(_("Certified"))),
                lambda pk: _kecamatan_row(registry.by_kecamatan.get(pk, KecamatanBusinesses())),
                lambda pk: link(
                    "registry:index", kecamatan=pk, terdaftar_sampai=period.end.isoformat()
                ),
            ),
        ],
    )


def _kecamatan_row(row: KecamatanBusinesses) -> tuple[int, int, int]:
    return (row.registered, row.new, row.certified)
