"""Mentoring's dashboard page: who covers which kelurahan, how often mentors visit, and
what becomes of their referrals."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_thousands
from mentoring.models import MentorKind, Referral
from mentoring.stats import KecamatanMentoring, MentoringFigures

from ..collect import AppStats
from ..figures import Breakdown, Column, Figure, Kind, Page, Row
from .common import link, per_kecamatan, trend


def mentoring_figures(period, stats: MentoringFigures) -> list[Figure]:
    k = period.kecamatan_id
    this_month = timezone.localdate().strftime("%Y-%m")
    return [
        Figure(
            "coverage",
            _("kelurahan with both kinds of mentor"),
            stats.coverage_ratio,
            Kind.RATIO,
            link("mentoring:index", kecamatan=k),
            note=_("%(both)s of %(all)s kelurahan, today")
            % {"both": stats.covered_both, "all": stats.kelurahan},
        ),
        Figure(
            "without-ekonomi",
            _("kelurahan without a pendamping ekonomi"),
            stats.without_ekonomi,
            link=link("mentoring:index", kecamatan=k),
        ),
        Figure(
            "without-pdb",
            _("kelurahan without a pendamping PDB"),
            stats.without_pdb,
            link=link("mentoring:index", kecamatan=k),
        ),
        Figure(
            "visits",
            _("visits in the period"),
            stats.visits,
            note=_("%(n)s businesses reached") % {"n": format_thousands(stats.reached)},
        ),
        Figure(
            "visits-this-month",
            _("visits this month"),
            stats.visits_this_month,
            # The activity report is city-wide: it is the list behind the city's figure only.
            link=None if k else link("mentoring:activity-report", bulan=this_month),
        ),
        Figure(
            "conversion",
            _("referrals taken up"),
            stats.conversion,
            Kind.RATIO,
            note=_("%(taken)s of %(all)s referrals")
            % {"taken": stats.referrals_taken, "all": stats.referrals},
        ),
    ]


def referrals(stats: MentoringFigures) -> Breakdown:
    return Breakdown(
        key="referrals",
        title=_("Referrals made in the period"),
        label_header=_("Referred to"),
        columns=tuple(Column(str(label)) for _v, label in Referral.State.choices),
        rows=[
            Row(
                str(label),
                tuple(stats.referrals_by_state[(kind, state)] for state in Referral.State.values),
            )
            for kind, label in Referral.Kind.choices
        ],
    )


def visits_by_kind(stats: MentoringFigures) -> Breakdown:
    return Breakdown(
        key="visits-by-kind",
        title=_("Visits by kind of mentor"),
        label_header=_("Mentor"),
        columns=(Column(_("Visits")),),
        rows=[
            # No link: the activity report covers one month, the row the whole period.
            Row(str(label), (stats.visits_per_kind.get(kind, 0),))
            for kind, label in MentorKind.choices
        ],
    )


def mentoring_page(period, stats: AppStats, kecamatan) -> Page:
    mentoring = stats["mentoring"]
    return Page(
        area="pendampingan",
        title=_("Mentoring"),
        figures=mentoring_figures(period, mentoring),
        breakdowns=[
            trend(
                "visits-per-month",
                _("Visits per month"),
                period.months,
                (Column(_("Visits")),),
                lambda m: (mentoring.visits_per_month[m],),
            ),
            visits_by_kind(mentoring),
            referrals(mentoring),
            per_kecamatan(
                "per-kecamatan",
                _("Per kecamatan"),
                kecamatan,
                (Column(_("Kelurahan")), Column(_("With both mentors")), Column(_("Visits"))),
                lambda pk: _kecamatan_row(mentoring.by_kecamatan.get(pk, KecamatanMentoring())),
                lambda pk: link("mentoring:index", kecamatan=pk),
            ),
        ],
    )


def _kecamatan_row(row: KecamatanMentoring) -> tuple[int, int, int]:
    return (row.kelurahan, row.covered_both, row.visits)
