"""Reversal requests: what waits for the Kepala UPT, and a loan's requests for its page."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from ..models import Loan, ReversalRequest


def reversal_requests() -> QuerySet[ReversalRequest]:
    return ReversalRequest.objects.select_related(
        "repayment__loan__umkm", "requested_by", "decided_by"
    )


def open_reversal_requests() -> QuerySet[ReversalRequest]:
    """Requests waiting for the Kepala UPT, oldest first."""
    return (
        reversal_requests()
        .filter(state=ReversalRequest.State.REQUESTED)
        .order_by("requested_at", "pk")
    )


def reversal_requests_of(loan: Loan) -> list[ReversalRequest]:
    return list(reversal_requests().filter(repayment__loan=loan).order_by("requested_at", "pk"))


def reversal_requests_for_list() -> QuerySet[ReversalRequest]:
    """Open requests first (oldest first: they wait), then the decided ones, newest first."""
    waiting = Case(
        When(state=ReversalRequest.State.REQUESTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return reversal_requests().order_by(waiting, "-requested_at", "-pk")
