"""The portfolio and its arrears, computed by the database so that thousands of loans can be
sorted, filtered and grouped by days past due and collectibility. The rules (NPL, PAR30,
outstanding principal) are lending.arrears'."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Case,
    Count,
    DateField,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from ..arrears import (
    AT_RISK,
    DEFAULT_BANDS,
    IN_ARREARS,
    NON_PERFORMING,
    OUTSTANDING,
    Band,
    in_arrears_on,
    ratio,
)
from ..models import CollectibilityBand, Loan

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Arrears(TypedDict):
    """What with_arrears() annotates on each loan."""

    days_past_due: int
    collectibility: int


def collectibility_bands() -> tuple[Band, ...]:
    """The table staff keep (the POJK default until they change it)."""
    rows = tuple(
        Band(b.level, b.name, b.min_days, b.max_days) for b in CollectibilityBand.objects.all()
    )
    return rows or DEFAULT_BANDS


def with_arrears(
    loans: QuerySet[Loan], on: date, bands: Sequence[Band] | None = None
) -> QuerySet[WithAnnotations[Loan, Arrears]]:
    """Annotate days past due and collectibility as of `on`."""
    bands = bands or collectibility_bands()
    # Days since the oldest unsettled installment fell due, when it has (Loan's cache).
    loans = loans.annotate(
        days_past_due=Case(
            When(in_arrears_on(on), then=_days_since("first_unsettled_due", on)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    levels = [
        When(
            Q(days_past_due__gte=band.min_days)
            & (Q() if band.max_days is None else Q(days_past_due__lte=band.max_days)),
            then=Value(band.level),
        )
        for band in bands
    ]
    return loans.annotate(
        collectibility=Case(*levels, default=Value(bands[-1].level), output_field=IntegerField())
    )


def _days_since(field: str, on: date) -> Func:
    """on - field, in days: date - date is a number of days in PostgreSQL. Written as a
    plain Func because Django turns date subtraction into an interval."""
    return Func(
        Cast(Value(on), DateField()),
        F(field),
        template="(%(expressions)s)",
        arg_joiner=" - ",
        output_field=IntegerField(),
    )


def running_with_arrears(
    loans: QuerySet[Loan], on: date
) -> QuerySet[WithAnnotations[Loan, Arrears]]:
    """The running (active) loans among `loans`, with their arrears as of `on`."""
    return with_arrears(loans.filter(status=Loan.Status.ACTIVE), on)


def loans_in_arrears(loans: QuerySet[Loan], on: date) -> QuerySet[WithAnnotations[Loan, Arrears]]:
    """The running loans among `loans` that are late on `on`, most overdue first: who to
    visit."""
    return running_with_arrears(loans, on).filter(IN_ARREARS).order_by("-days_past_due", "number")


def in_kecamatan(loans: QuerySet[Loan], kecamatan_id: int) -> QuerySet[Loan]:
    """Loans made in a kecamatan: a loan counts where it was made (Loan.kelurahan), not
    where its business is now."""
    return loans.filter(kelurahan__kecamatan_id=kecamatan_id)


def portfolio_sums() -> dict[str, Expression]:
    """The aggregates every portfolio figure is made of, over running loans with arrears."""
    return {
        "count": Count("id"),
        "outstanding": Coalesce(Sum(OUTSTANDING), 0),
        "npl": Coalesce(Sum(OUTSTANDING, filter=NON_PERFORMING), 0),
        "par30": Coalesce(Sum(OUTSTANDING, filter=AT_RISK), 0),
    }


def portfolio_totals(loans: QuerySet[Loan], on: date) -> dict:
    """Count and outstanding principal of the running loans, with NPL and PAR30."""
    totals = running_with_arrears(loans, on).aggregate(**portfolio_sums())
    totals["npl_ratio"] = ratio(totals["npl"], totals["outstanding"])
    totals["par30_ratio"] = ratio(totals["par30"], totals["outstanding"])
    return totals


def portfolio_by(running: QuerySet[WithAnnotations[Loan, Arrears]], key: str) -> QuerySet:
    """Running loans grouped by one column: count and outstanding principal."""
    return (
        running.values(key)
        .annotate(count=Count("id"), outstanding=Coalesce(Sum(OUTSTANDING), 0))
        .order_by(key)
    )


def portfolio_by_kecamatan(running: QuerySet[WithAnnotations[Loan, Arrears]]) -> QuerySet:
    """Running loans per kecamatan where they were made: its id (for the drill-down) and
    name, with count and outstanding principal."""
    return (
        running.values(kecamatan_id=F("kelurahan__kecamatan_id"))
        .annotate(
            kecamatan_name=F("kelurahan__kecamatan__name"),
            count=Count("id"),
            outstanding=Coalesce(Sum(OUTSTANDING), 0),
        )
        .order_by("kecamatan_name")
    )


def portfolio_by_collectibility(
    running: QuerySet[WithAnnotations[Loan, Arrears]],
) -> list[tuple[Band, dict]]:
    """Every band of the table, with the count and outstanding principal of its loans."""
    by_level = {row["collectibility"]: row for row in portfolio_by(running, "collectibility")}
    return [
        (band, by_level.get(band.level, {"count": 0, "outstanding": 0}))
        for band in collectibility_bands()
    ]


def closed_loan_counts(loans: QuerySet[Loan]) -> dict[str, int]:
    return loans.aggregate(
        paid_off=Count("id", filter=Q(status=Loan.Status.PAID_OFF)),
        written_off=Count("id", filter=Q(status__in=Loan.WRITTEN_OFF_STATUSES)),
    )
