"""Reads that lending's pages, exports, the nightly command and the dashboards share."""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from registry.models import UMKM
from registry.selectors import search_umkm
from registry.validators import only_digits

from .arrears import DEFAULT_BANDS, Band
from .models import Application, CollectibilityBand, Loan


def collectibility_bands() -> tuple[Band, ...]:
    """The table staff keep (the POJK default until they change it)."""
    rows = tuple(
        Band(b.level, b.name, b.min_days, b.max_days) for b in CollectibilityBand.objects.all()
    )
    return rows or DEFAULT_BANDS


def with_arrears(loans: QuerySet[Loan], on: date, bands=None) -> QuerySet[Loan]:
    """Annotate days past due and collectibility as of `on`, computed by the database, so
    that thousands of loans can be sorted, filtered and grouped by them."""
    bands = bands or collectibility_bands()
    # Days since the oldest unsettled installment fell due, when it has (Loan's cache).
    loans = loans.annotate(
        days_past_due=Case(
            When(first_unsettled_due__lt=on, then=_days_since("first_unsettled_due", on)),
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


def _days_since(field: str, on: date):
    """on - field, in days: date - date is a number of days in PostgreSQL. Written as a
    plain Func because Django turns date subtraction into an interval."""
    return Func(
        Cast(Value(on), DateField()),
        F(field),
        template="(%(expressions)s)",
        arg_joiner=" - ",
        output_field=IntegerField(),
    )


def loans_for_list() -> QuerySet[Loan]:
    return Loan.objects.select_related("umkm__kelurahan__kecamatan", "product")


def loan_lookup(term: str) -> QuerySet[Loan]:
    """The repayment desk's search: a loan number, a NIK, or a borrower's (business or
    owner) name, typos forgiven on PostgreSQL."""
    term = term.strip()
    loans = loans_for_list().exclude(status=Loan.Status.PAID_OFF)
    if not term:
        return loans.none()
    if term.upper().startswith("PDB-"):
        return loans.filter(number__iexact=term)
    digits = only_digits(term)
    if len(digits) == 16 and digits == term.replace(" ", ""):
        return loans.filter(umkm__owner_nik=digits)
    businesses = search_umkm(UMKM.objects.all(), term).values("pk")
    return loans.filter(umkm__in=Subquery(businesses))


def written_off_history(owner_nik: str) -> QuerySet[Loan]:
    """An owner's written-off loans, for the approver to see."""
    return Loan.objects.filter(umkm__owner_nik=owner_nik, status=Loan.Status.WRITTEN_OFF)


def application_queue_counts() -> dict[str, int]:
    counts = dict(
        Application.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in Application.State.values}


def portfolio_totals(loans: QuerySet[Loan], on: date) -> dict:
    """Count and outstanding principal of the active loans, with NPL and PAR30."""
    active = with_arrears(loans.filter(status=Loan.Status.ACTIVE), on)
    outstanding = F("principal") - F("principal_paid")
    totals = active.aggregate(
        count=Count("id"),
        outstanding=Coalesce(Sum(outstanding), 0),
        npl=Coalesce(Sum(outstanding, filter=Q(collectibility__gte=3)), 0),
        par30=Coalesce(Sum(outstanding, filter=Q(days_past_due__gt=30)), 0),
    )
    base = totals["outstanding"] or 0
    totals["npl_ratio"] = totals["npl"] / base if base else 0.0
    totals["par30_ratio"] = totals["par30"] / base if base else 0.0
    return totals
