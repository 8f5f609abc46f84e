"""DAK training's dashboard page: participants through to certificates, and the money."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_rupiah, format_thousands
from cilegon_umkm.templatetags.portal import percent
from training.selectors.reports import figures_day
from training.stats import KecamatanTrainees, TrainingFigures

from ..collect import AppStats
from ..figures import Breakdown, Column, Figure, Kind, Page, Row
from .common import link, per_kecamatan, trend


def training_figures(period, stats: TrainingFigures) -> list[Figure]:
    # Cohorts and the DAK allocation are of one fiscal year: the year the period ends in.
    year = period.fiscal_year
    report = report_link(period, stats)
    return [
        Figure(
            "participants",
            _("training participants"),
            stats.participants,
            link=report,
            note=_("cohorts of %(year)s") % {"year": year},
        ),
        Figure(
            "completion",
            _("completed every module"),
            stats.completion_rate,
            Kind.RATIO,
            link=report,
            note=_("%(n)s participants") % {"n": format_thousands(stats.passed)},
        ),
        # Two things, said in words: the Dinas's own training certificate proves the training;
        # only a certificate from its real issuer makes a business certified.
        Figure(
            "trained",
            _("training certificate from the Dinas"),
            stats.trained,
            link=report,
            note=_("participants, not revoked"),
        ),
        Figure(
            "certified",
            _("certificate from its issuer (halal BPJPH, PIRT, competency LSP)"),
            stats.certified,
            link=report,
            note=_("certification rate %(rate)s") % {"rate": _percent(stats.certification_rate)},
        ),
        Figure(
            "absorption",
            _("DAK absorbed"),
            stats.absorption,
            Kind.RATIO,
            link("training:budget", tahun=year),
            note=_("%(spent)s of %(allocated)s, DAK %(year)s")
            % {
                "spent": format_rupiah(stats.spent),
                "allocated": format_rupiah(stats.allocated),
                "year": year,
            },
        ),
    ]


def report_link(period, stats: TrainingFigures) -> str:
    """The training report with the rows behind these figures: the fiscal year, the
    kecamatan, and the day real certificates were counted on (when not the report's own)."""
    year = period.fiscal_year
    on = stats.certified_on if stats.certified_on != figures_day(year) else None
    return link("training:report", tahun=year, kecamatan=period.kecamatan_id, pada=on)


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
            Column(_("Training certificate")),
            Column(_("Certificate from its issuer")),
        ),
        rows=[
            Row(
                track.name,
                (track.enrolled, track.attending, track.passed, track.trained, track.certified),
                report_link(period, stats),
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
                (
                    Column(_("Participants")),
                    Column(_("Training certificate")),
                    Column(_("Certificate from its issuer")),
                ),
                lambda pk: _kecamatan_row(training.by_kecamatan.get(pk, KecamatanTrainees())),
            ),
        ],
    )


def _kecamatan_row(row: KecamatanTrainees) -> tuple[int, int, int]:
    return (row.participants, row.trained, row.certified)
