"""The overview: the headline figures of every area, the main breakdowns, and the
per-kecamatan comparison that puts the areas side by side."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lending.stats import KecamatanLoans
from mentoring.stats import KecamatanMentoring
from registry.sectors import Sector
from registry.size import Size
from registry.stats import KecamatanBusinesses
from training.stats import KecamatanTrainees

from ..collect import AppStats
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
    "training": ("participants", "completion", "trained", "certified", "absorption"),
}


def overview_page(period, stats: AppStats, kecamatan) -> Page:
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
                registry.by_size,
                Size.choices,
                "skala",
                period,
            ),
            by_choice(
                "by-sector",
                _("Businesses by sector"),
                _("Sector"),
                registry.by_sector,
                Sector.choices,
                "sektor",
                period,
            ),
            applications(period, lending),
            collectibility(period, lending),
        ],
    )


def comparison(period, stats: AppStats, kecamatan):
    """The kecamatan side by side; each row opens the dashboard for that kecamatan."""
    registry, lending = stats["registry"].by_kecamatan, stats["lending"].by_kecamatan
    mentoring, training = stats["mentoring"].by_kecamatan, stats["training"].by_kecamatan

    def values(pk: int) -> tuple[int, int, int, int, int, float | None, int]:
        businesses = registry.get(pk, KecamatanBusinesses())
        mentors = mentoring.get(pk, KecamatanMentoring())
        running = lending.get(pk, KecamatanLoans()).running
        return (
            businesses.registered,
            businesses.certified,
            mentors.covered_both,
            mentors.visits,
            running.outstanding,
            running.npl / running.outstanding if running.outstanding else None,
            training.get(pk, KecamatanTrainees()).participants,
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
        lambda pk: link("dashboard:index", **period.query(kecamatan=pk)),
    )
