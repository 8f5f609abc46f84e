"""The overview: the headline figures of every area, the main breakdowns, and the
per-kecamatan comparison that puts the areas side by side."""

from __future__ import annotations

from django.utils.translation import gettext as _

from registry.sectors import Sector
from registry.size import Size

from ..figures import Column, Kind, Page
from .common import link, per_kecamatan
from .lending import applications, collectibility, lending_figures
from .mentoring import mentoring_figures
from .registry import by_choice, growth, registry_figures
from .training import training_figures

HEADLINES = {
    "registry": ("registered", "new", "certified-umkm"),
    "lending": (
        "disbursed",
        "outstanding",
        "npl",
        "par30",
        "collection",
        "available",
        "waiting",
    ),
    "mentoring": ("coverage", "visits", "visits-this-month", "conversion"),
    "training": ("participants", "completion", "certified", "absorption"),
}


def overview_page(period, stats, kecamatan) -> Page:
    figures = (
        registry_figures(period, stats["registry"])
        + lending_figures(period, stats["lending"])
        + mentoring_figures(period, stats["mentoring"])
        + training_figures(period, stats["training"])
    )
    wanted = {key for keys in HEADLINES.values() for key in keys}
    registry, lending = stats["registry"], stats["lending"]
    return Page(
        area="",
        title=_("The office at a glance"),
        figures=[f for f in figures if f.key in wanted],
        breakdowns=[
            comparison(period, stats, kecamatan),
            growth(period, registry),
            by_choice(
                "by-size",
                _("Businesses by size"),
                _("Size"),
                registry["by_size"],
                Size.choices,
                "skala",
                period,
            ),
            by_choice(
                "by-sector",
                _("Businesses by sector"),
                _("Sector"),
                registry["by_sector"],
                Sector.choices,
                "sektor",
                period,
            ),
            applications(period, lending),
            collectibility(period, lending),
        ],
    )


def comparison(period, stats, kecamatan):
    """The kecamatan side by side; each row opens the dashboard for that kecamatan."""
    registry, lending = stats["registry"]["by_kecamatan"], stats["lending"]["by_kecamatan"]
    mentoring, training = stats["mentoring"]["by_kecamatan"], stats["training"]["by_kecamatan"]

    def values(pk):
        return (
            registry.get(pk, {}).get("registered", 0),
            registry.get(pk, {}).get("certified", 0),
            mentoring.get(pk, {}).get("covered_both", 0),
            mentoring.get(pk, {}).get("visits", 0),
            lending.get(pk, {}).get("outstanding", 0),
            _npl(lending.get(pk)),
            training.get(pk, {}).get("participants", 0),
        )

    return per_kecamatan(
        "comparison",
        _("Kecamatan compared"),
        kecamatan,
        (
            Column(_("Businesses")),
            Column(_("Certified")),
            Column(_("Kelurahan with both mentors")),
            Column(_("Visits")),
            Column(_("Outstanding"), Kind.RUPIAH),
            Column(_("NPL"), Kind.RATIO),
            Column(_("Trainees")),
        ),
        values,
        lambda pk: link(
            "dashboard:index",
            tahun=period.year,
            dari=period.first_month,
            sampai=period.last_month,
            kecamatan=pk,
        ),
    )


def _npl(row):
    return row["npl"] / row["outstanding"] if row and row["outstanding"] else None
