"""Lending's part of a business's timeline (registered with the registry in apps.py):
application steps, repayments summarised per loan, and the days collectibility moved.
One query per kind of event."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Max, Sum
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_rupiah
from registry.timeline import TimelineEntry, at_start_of

from .models import ApplicationEvent, ArrearsSnapshot, Repayment
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
    paid = (
        Repayment.objects.filter(loan__umkm=umkm)
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
        )
    yield from _collectibility_changes(umkm)


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
            )
        previous[loan_id] = level
