"""The revolving fund's dashboard page: applications, disbursements, the portfolio's health
and what the funds can still lend."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_rupiah, format_thousands
from lending.arrears import AT_RISK_AFTER_DAYS, NON_PERFORMING_LEVELS
from lending.filters import WAITING, WAITING_STATES
from lending.models import Application
from lending.stats import KecamatanLoans, LendingFigures

from ..collect import AppStats
from ..figures import Breakdown, Column, Figure, Kind, Page, Row
from .common import link, per_kecamatan, trend

State = Application.State


def lending_figures(period, stats: LendingFigures) -> list[Figure]:
    k = period.kecamatan_id
    waiting = sum(stats.applications[state] for state in WAITING_STATES)
    in_period = {"diajukan_dari": period.start, "diajukan_sampai": period.end}
    disbursed = link(
        "lending:applications", kecamatan=k, cair_dari=period.start, cair_sampai=period.end
    )
    return [
        Figure(
            "disbursed",
            _("disbursed in the period"),
            stats.disbursed_amount,
            Kind.RUPIAH,
            disbursed,
            note=_("%(n)s loans") % {"n": format_thousands(stats.disbursed_count)},
        ),
        Figure(
            "disbursed-count",
            _("loans disbursed"),
            stats.disbursed_count,
            link=disbursed,
        ),
        Figure(
            "outstanding",
            _("outstanding principal today"),
            stats.outstanding,
            Kind.RUPIAH,
            link("lending:portfolio", kecamatan=k),
            note=_("%(n)s running loans") % {"n": format_thousands(stats.active_count)},
        ),
        Figure(
            "npl",
            _("NPL (collectibility 3-5)"),
            stats.npl_ratio,
            Kind.RATIO,
            link("lending:arrears", kecamatan=k, kolektibilitas=sorted(NON_PERFORMING_LEVELS)),
        ),
        Figure(
            "par30",
            _("PAR30 (over 30 days late)"),
            stats.par30_ratio,
            Kind.RATIO,
            link("lending:arrears", kecamatan=k, tunggakan_lebih_dari=AT_RISK_AFTER_DAYS),
        ),
        Figure(
            "collection",
            _("collection rate of what fell due"),
            stats.collection_rate,
            Kind.RATIO,
        ),
        Figure(
            "available",
            _("fund available to lend"),
            stats.available,
            Kind.RUPIAH,
            link("lending:fund-detail-default"),
            note=_("all funds, city-wide"),
        ),
        Figure(
            "written_off",
            _("principal written off, not recovered"),
            stats.written_off - stats.recovered,
            Kind.RUPIAH,
            link("lending:fund-detail-default"),
            note=_("%(written_off)s written off, %(recovered)s recovered; all funds")
            % {
                "written_off": format_rupiah(stats.written_off),
                "recovered": format_rupiah(stats.recovered),
            },
        ),
        Figure(
            "waiting",
            _("applications waiting for a decision"),
            waiting,
            link=link("lending:applications", status=WAITING, kecamatan=k, **in_period),
        ),
    ]


def applications(period, stats: LendingFigures) -> Breakdown:
    return Breakdown(
        key="applications",
        title=_("Applications submitted in the period, by state"),
        label_header=_("State"),
        columns=(Column(_("Applications")),),
        rows=[
            Row(
                str(label),
                (stats.applications[value],),
                link(
                    "lending:applications",
                    status=value,
                    kecamatan=period.kecamatan_id,
                    diajukan_dari=period.start,
                    diajukan_sampai=period.end,
                ),
            )
            for value, label in State.choices
        ],
    )


def collectibility(period, stats: LendingFigures) -> Breakdown:
    return Breakdown(
        key="collectibility",
        title=_("Collectibility of running loans today"),
        label_header=_("Collectibility"),
        columns=(Column(_("Loans")), Column(_("Outstanding"), Kind.RUPIAH)),
        rows=[
            Row(
                f"{band.level} {band.name}",
                (loans.count, loans.outstanding),
                # Lancar loans are not late: no list of arrears holds them.
                link("lending:arrears", kecamatan=period.kecamatan_id, kolektibilitas=band.level)
                if band.min_days > 0
                else "",
            )
            for band, loans in stats.collectibility
        ],
    )


def lending_page(period, stats: AppStats, kecamatan) -> Page:
    lending = stats["lending"]
    return Page(
        area="pinjaman",
        title=_("Revolving fund (UPTD PDB)"),
        figures=lending_figures(period, lending),
        breakdowns=[
            trend(
                "disbursed-per-month",
                _("Disbursed per month"),
                period.months,
                (Column(_("Amount"), Kind.RUPIAH), Column(_("Loans"))),
                lambda m: (
                    lending.disbursed_per_month[m].amount,
                    lending.disbursed_per_month[m].count,
                ),
            ),
            applications(period, lending),
            collectibility(period, lending),
            per_kecamatan(
                "per-kecamatan",
                _("Per kecamatan"),
                kecamatan,
                (
                    Column(_("Disbursed"), Kind.RUPIAH),
                    Column(_("Running loans")),
                    Column(_("Outstanding"), Kind.RUPIAH),
                    Column(_("NPL"), Kind.RATIO),
                ),
                lambda pk: _kecamatan_row(lending.by_kecamatan.get(pk, KecamatanLoans())),
                lambda pk: link("lending:portfolio", kecamatan=pk),
            ),
        ],
    )


def _kecamatan_row(row: KecamatanLoans) -> tuple[int, int, int, float | None]:
    running = row.running
    npl = running.npl / running.outstanding if running.outstanding else None
    return (row.disbursed.amount, running.count, running.outstanding, npl)
