"""DAK training's dashboard page: participants through to certificates, and the money."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_rupiah, format_thousands
from cilegon_umkm.templatetags.portal import percent
from training.stats import KecamatanTrainees, TrainingFigures

from ..collect import AppStats
from ..figures import Breakdown, Column, Figure, Kind, Page, Row
from .common import link, per_kecamatan, trend


def training_figures(period, stats: TrainingFigures) -> list[Figure]:
    report = link("training:report", tahun=period.year)
    return [
        Figure("participants", _("training participants"), stats.participants, link=report),
        Figure(
            "completion",
            _("completed every module"),
            stats.completion_rate,
            Kind.RATIO,
            link=report,
            note=_("%(n)s participants") % {"n": format_thousands(stats.passed)},
        ),
        Figure(
            "certified",
            _("certified (not revoked)"),
            stats.certified,
            link=report,
            note=_("certification rate %(rate)s") % {"rate": _percent(stats.certification_rate)},
        ),
        Figure(
            "absorption",
            _("DAK absorbed"),
            stats.absorption,
            Kind.RATIO,
            link("training:budget", tahun=period.year),
            note=_("%(spent)s of %(allocated)s")
            % {
                "spent": format_rupiah(stats.spent),
                "allocated": format_rupiah(stats.allocated),
            },
        ),
    ]


def _percent(ratio) -> str:
    return percent(ratio) or "-"


def funnel(period, stats: TrainingFigures) -> Breakdown:
    return Breakdown(
        key="funnel",
        title=_("From enrolment to certificate, per track"),
        label_header=_("Track"),
        columns=(
            Column(_("Enrolled")),
            Column(_("Attending")),
            Column(_("Passed")),
            Column(_("Certified")),
        ),
        rows=[
            Row(
                track.name,
                (track.enrolled, track.attending, track.passed, track.certified),
                link("training:report", tahun=period.year),
            )
            for track in stats.tracks
        ],
    )


def training_page(period, stats: AppStats, kecamatan) -> Page:
    training = stats["training"]
    return Page(
        area="pelatihan",
        title=_("DAK training"),
        figures=training_figures(period, training),
        breakdowns=[
            funnel(period, training),
            trend(
                "spent-per-month",
                _("DAK spent per month"),
                period.months,
                (Column(_("Spent"), Kind.RUPIAH),),
                lambda m: (training.spent_per_month[m],),
            ),
            per_kecamatan(
                "per-kecamatan",
                _("Participants per kecamatan"),
                kecamatan,
                (Column(_("Participants")), Column(_("Certified"))),
                lambda pk: _kecamatan_row(training.by_kecamatan.get(pk, KecamatanTrainees())),
            ),
        ],
    )


def _kecamatan_row(row: KecamatanTrainees) -> tuple[int, int]:
    return (row.participants, row.certified)
