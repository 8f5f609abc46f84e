"""Lending's numbers for the dashboards: applications by state, loans disbursed in the
period (per month and kecamatan), the portfolio today (outstanding, NPL, PAR30 and
collectibility, per kecamatan too), what the funds can still lend, and the collection rate
of what fell due in the period. NPL and PAR30 are lending.arrears' rules, as on the
portfolio page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils import timezone

from cilegon_umkm.kernel.periods import ReportPeriod, YearMonth
from registry.models import Kelurahan

from .arrears import Band, ratio
from .models import Application, Installment, Loan
from .selectors import (
    all_funds_balances,
    application_in_kecamatan,
    collectibility_bands,
    portfolio_sums,
    running_with_arrears,
)


@dataclass(frozen=True)
class Disbursed:
    """Loans disbursed and their principal."""

    count: int = 0
    amount: int = 0

    def __add__(self, other: Disbursed) -> Disbursed:
        return Disbursed(self.count + other.count, self.amount + other.amount)


@dataclass(frozen=True)
class RunningLoans:
    """Running loans today: how many, the principal they still owe, and the part of it that
    is non-performing (NPL) and more than 30 days late (PAR30)."""

    count: int = 0
    outstanding: int = 0
    npl: int = 0
    par30: int = 0

    def __add__(self, other: RunningLoans) -> RunningLoans:
        return RunningLoans(
            self.count + other.count,
            self.outstanding + other.outstanding,
            self.npl + other.npl,
            self.par30 + other.par30,
        )


@dataclass(frozen=True)
class KecamatanLoans:
    """One kecamatan's line: loans made there, disbursed in the period and running today."""

    disbursed: Disbursed = Disbursed()
    running: RunningLoans = RunningLoans()


@dataclass(frozen=True)
class LendingFigures:
    applications: dict[str, int]  # submitted in the period, for every state
    disbursed_count: int  # in the period
    disbursed_amount: int
    disbursed_per_month: dict[YearMonth, Disbursed]  # every month of the period
    active_count: int  # running loans today
    outstanding: int  # their principal still owed
    npl_ratio: float
    par30_ratio: float
    collectibility: tuple[tuple[Band, RunningLoans], ...]  # every band of the table, in order
    by_kecamatan: dict[int, KecamatanLoans]  # a kecamatan with no loans may be left out
    available: int  # what every fund can still lend, city-wide
    written_off: int  # principal written off, every fund (a loss, not cash out)
    recovered: int  # of it, recovered since (cash back, counted in available)
    collection_owed: int  # principal and jasa that fell due in the period, up to today
    collection_paid: int  # of it, paid or waived
    collection_rate: float | None  # None when nothing fell due


def lending_stats(period: ReportPeriod) -> LendingFigures:
    today = timezone.localdate()
    # Applications by the same rule as the queue's filter (a disbursed one where its loan
    # was made), so a figure and its drill-down list count the same rows.
    in_area = application_in_kecamatan(period.kecamatan_id) if period.kecamatan_id else Q()
    # Loans by where they were made (Loan.kelurahan): no join with the registry.
    kecamatan_of = dict(Kelurahan.objects.values_list("pk", "kecamatan_id"))
    loan_area = (
        {"kelurahan_id__in": [k for k, kec in kecamatan_of.items() if kec == period.kecamatan_id]}
        if period.kecamatan_id
        else {}
    )
    applications = dict(
        Application.objects.filter(in_area, created_at__date__range=(period.start, period.end))
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_month, disbursed_in = _disbursed(period, loan_area, kecamatan_of)
    running, levels, running_in = _portfolio(Loan.objects.filter(**loan_area), today, kecamatan_of)
    due = Installment.objects.filter(
        due_date__range=(period.start, min(period.end, today)),
        **{f"loan__{key}": value for key, value in loan_area.items()},
    ).aggregate(
        owed=Coalesce(Sum(F("principal") + F("jasa")), 0),
        paid=Coalesce(Sum(F("principal_paid") + F("jasa_paid") + F("jasa_waived")), 0),
    )
    disbursed = sum(per_month.values(), Disbursed())
    funds = all_funds_balances()
    return LendingFigures(
        applications={state: applications.get(state, 0) for state in Application.State.values},
        disbursed_count=disbursed.count,
        disbursed_amount=disbursed.amount,
        disbursed_per_month=per_month,
        active_count=running.count,
        outstanding=running.outstanding,
        npl_ratio=ratio(running.npl, running.outstanding),
        par30_ratio=ratio(running.par30, running.outstanding),
        collectibility=levels,
        by_kecamatan={
            kecamatan_id: KecamatanLoans(
                disbursed_in.get(kecamatan_id, Disbursed()),
                running_in.get(kecamatan_id, RunningLoans()),
            )
            for kecamatan_id in disbursed_in.keys() | running_in.keys()
        },
        available=funds.available,
        written_off=funds.written_off,
        recovered=funds.recovered,
        collection_owed=due["owed"],
        collection_paid=due["paid"],
        collection_rate=due["paid"] / due["owed"] if due["owed"] else None,
    )


def _disbursed(
    period: ReportPeriod, area: dict[str, list[int]], kecamatan_of: dict[int, int]
) -> tuple[dict[YearMonth, Disbursed], dict[int, Disbursed]]:
    """Loans disbursed in the period, per month and per kecamatan: one grouped query."""
    rows = (
        Loan.objects.filter(disbursed_on__range=(period.start, period.end), **area)
        .annotate(year=ExtractYear("disbursed_on"), month=ExtractMonth("disbursed_on"))
        .values_list("kelurahan_id", "year", "month")
        .annotate(n=Count("id"), amount=Coalesce(Sum("principal"), 0))
        .order_by()
    )
    per_month = dict.fromkeys(period.months, Disbursed())
    by_kecamatan: defaultdict[int, Disbursed] = defaultdict(Disbursed)
    for kelurahan_id, year, month, n, amount in rows:
        per_month[YearMonth(year, month)] += Disbursed(n, amount)
        by_kecamatan[kecamatan_of[kelurahan_id]] += Disbursed(n, amount)
    return per_month, dict(by_kecamatan)


def _portfolio(
    loans: QuerySet[Loan], today: date, kecamatan_of: dict[int, int]
) -> tuple[RunningLoans, tuple[tuple[Band, RunningLoans], ...], dict[int, RunningLoans]]:
    """The running loans today: in all, per collectibility band and per kecamatan, summed
    from one query grouped by (kelurahan, collectibility)."""
    sums = portfolio_sums()
    rows = (
        running_with_arrears(loans, today)
        .values_list("kelurahan_id", "collectibility")
        .annotate(**sums)
        .values_list("kelurahan_id", "collectibility", *sums)
        .order_by()
    )
    total = RunningLoans()
    levels: defaultdict[int, RunningLoans] = defaultdict(RunningLoans)
    by_kecamatan: defaultdict[int, RunningLoans] = defaultdict(RunningLoans)
    for kelurahan_id, level, n, outstanding, npl, par30 in rows:
        row = RunningLoans(n, outstanding, npl, par30)
        total += row
        levels[level] += row
        by_kecamatan[kecamatan_of[kelurahan_id]] += row
    return (
        total,
        tuple((band, levels[band.level]) for band in collectibility_bands()),
        dict(by_kecamatan),
    )
