"""Lending's part of a business's timeline (registered with the registry in apps.py):
application steps, repayments summarised per loan, and the days collectibility moved.
One query per kind of event."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_rupiah
from registry.timeline import TimelineEntry, at_start_of

from .models import ApplicationEvent, ArrearsSnapshot, Repayment, ReversalRequest
from .permissions import can_read_lending


def loan_events(umkm, user) -> Iterable[TimelineEntry]:
    office = can_read_lending(user)  # links to the loan pages only for those who may open them
    events = ApplicationEvent.objects.filter(application__umkm=umkm).select_related(
        "actor", "application"
    )
    for event in events:
        yield TimelineEntry(
            event.at,
            _("Loan application %(number)s: %(state)s")
            % {"number": event.application.number, "state": event.get_to_state_display()},
            event.note,
            event.actor.display_name,
            "cash-coin",
            event.application.get_absolute_url() if office else "",
        )
    # The payments that count: a reversed payment and its reversal are neither.
    paid = (
        Repayment.objects.filter(loan__umkm=umkm, reverses__isnull=True, reversal__isnull=True)
        .values("loan__number")
        .annotate(n=Count("id"), total=Sum("amount"), last=Max("paid_on"))
        .order_by()
    )
    for row in paid:  # one line per loan, not one per installment
        yield TimelineEntry(
            at_start_of(row["last"]),
            _("Repayments of %(number)s") % {"number": row["loan__number"]},
            _("%(count)s payments, %(total)s in all")
            % {"count": row["n"], "total": format_rupiah(row["total"] or 0)},
            icon="receipt",
            all_day=True,
        )
    yield from _reversal_requests(umkm, office)
    yield from _collectibility_changes(umkm)


def _reversal_requests(umkm, office: bool) -> Iterable[TimelineEntry]:
    """Both steps of a reversal that needed the Kepala UPT: the request and the decision."""
    requests = ReversalRequest.objects.filter(repayment__loan__umkm=umkm).select_related(
        "repayment__loan", "requested_by", "decided_by"
    )
    for request in requests:
        what = {
            "number": request.repayment.loan.number,
            "amount": format_rupiah(request.repayment.amount),
        }
        url = reverse("lending:reversal-request", args=[request.pk]) if office else ""
        yield TimelineEntry(
            request.requested_at,
            _("%(number)s: reversal of %(amount)s requested") % what,
            request.reason,
            request.requested_by.display_name,
            "arrow-counterclockwise",
            url,
        )
        if request.decided_at and request.decided_by:
            approved = request.state == ReversalRequest.State.APPROVED
            yield TimelineEntry(
                request.decided_at,
                (
                    _("%(number)s: reversal of %(amount)s approved")
                    if approved
                    else _("%(number)s: reversal of %(amount)s refused")
                )
                % what,
                request.decision_note,
                request.decided_by.display_name,
                "check2-square" if approved else "x-square",
                url,
            )


def _collectibility_changes(umkm) -> Iterable[TimelineEntry]:
    """Only the days the collectibility moved, from the nightly records."""
    snapshots = (
        ArrearsSnapshot.objects.filter(loan__umkm=umkm)
        .order_by("loan_id", "on_date")
        .values_list("loan_id", "loan__number", "on_date", "collectibility", "days_past_due")
    )
    previous: dict[int, int] = {}
    for loan_id, number, on, level, days in snapshots:
        if previous.get(loan_id, 1) != level:
            yield TimelineEntry(
                at_start_of(on),
                _("%(number)s: collectibility %(level)s") % {"number": number, "level": level},
                _("%(days)s days past due") % {"days": days},
                icon="exclamation-triangle" if level > 1 else "check-circle",
                all_day=True,
            )
        previous[loan_id] = level
