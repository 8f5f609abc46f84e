"""Arrears as they stood on past days, rebuilt from what was disbursed and paid by then:
what the nightly snapshot records, and what fills a range of days so trends can be rebuilt.

On a day D a loan counts when it was disbursed on or before D, was not written off on or
before D, and was not paid off by the payments dated on or before D. Its days past due and
principal outstanding come from replaying only those payments (a payment posted later but
dated on or before D counts: it was money received by then). One replay per loan serves a
whole range of days, since the state after the payments dated on or before D is the same
whether the replay stops there or goes on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from django.db.models import Q, QuerySet

from ..allocation import Payment
from ..arrears import Band, collectibility, days_past_due
from ..models import Installment, Loan, Repayment
from .loans import loan_position
from .portfolio import collectibility_bands

LOANS_AT_ONCE = 500  # loans read, replayed and handed on together: bounds the memory used


@dataclass(frozen=True)
class ArrearsOnDay:
    loan_id: int
    on: date
    days_past_due: int
    collectibility: int
    principal_outstanding: int


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def loans_running_between(first: date, last: date) -> QuerySet[Loan]:
    """Loans that may have been running on some day of [first, last]."""
    return (
        Loan.objects.filter(disbursed_on__lte=last)
        .exclude(closed_on__lt=first)
        .exclude(written_off_on__lt=first)
        .select_related("fund")
        .order_by("pk")
    )


def arrears_on_days(days: Sequence[date]) -> Iterator[ArrearsOnDay]:
    """Every running loan's arrears on each of the days (ascending), loan by loan."""
    if not days:
        return
    bands = collectibility_bands()
    ids = loans_running_between(days[0], days[-1]).values_list("pk", flat=True)
    pending = ids.iterator(chunk_size=LOANS_AT_ONCE)
    while chunk := list(islice(pending, LOANS_AT_ONCE)):
        yield from _chunk_on_days(chunk, days, bands)


def _chunk_on_days(
    loan_ids: Sequence[int], days: Sequence[date], bands: Sequence[Band]
) -> Iterator[ArrearsOnDay]:
    loans = Loan.objects.filter(pk__in=loan_ids).select_related("fund").order_by("pk")
    schedules: defaultdict[int, list[Installment]] = defaultdict(list)
    for installment in Installment.objects.filter(loan_id__in=loan_ids).order_by("number"):
        schedules[installment.loan_id].append(installment)
    payments: defaultdict[int, list[Payment]] = defaultdict(list)
    effective = Repayment.objects.filter(
        Q(loan_id__in=loan_ids, reverses__isnull=True, reversal__isnull=True),
        paid_on__lte=days[-1],
    ).order_by("paid_on", "id")
    for r in effective:
        payments[r.loan_id].append(Payment(r.pk, r.paid_on, r.amount, r.is_payoff))
    for loan in loans:
        yield from _loan_on_days(loan, schedules[loan.pk], payments[loan.pk], days, bands)


def _loan_on_days(
    loan: Loan,
    schedule: list[Installment],
    payments: list[Payment],
    days: Sequence[date],
    bands: Sequence[Band],
) -> Iterator[ArrearsOnDay]:
    # The loan's terms as every replay reads them; its payments are applied day by day.
    position = loan_position(loan, repayments=[], installments=schedule)
    pending = iter(payments)
    upcoming = next(pending, None)
    for day in days:
        while upcoming is not None and upcoming.paid_on <= day:
            position.apply(upcoming)
            upcoming = next(pending, None)
        if day < loan.disbursed_on:
            continue
        if loan.written_off_on is not None and loan.written_off_on <= day:
            return
        if position.is_paid_off:
            return
        dpd = days_past_due(position.unpaid_due_dates(), day)
        yield ArrearsOnDay(
            loan_id=loan.pk,
            on=day,
            days_past_due=dpd,
            collectibility=collectibility(dpd, bands),
            principal_outstanding=position.principal_outstanding,
        )
