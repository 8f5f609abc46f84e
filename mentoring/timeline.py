"""A business's shared story, newest first: visits by either kind of mentor, referrals,
loan events (application steps, disbursement, repayments summarised, collectibility
changes). One query per kind of event, whatever the number of events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.formatting import format_rupiah
from lending.models import ApplicationEvent, ArrearsSnapshot, Repayment
from registry.models import UMKM

from .models import Referral, Visit

_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    on: date
    kind: str  # visit, referral, loan: for the icon and the filter
    title: str
    detail: str = ""
    actor: str = ""
    at: datetime | None = None  # for ordering within a day


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def timeline(umkm: UMKM, limit: int | None = None) -> list[Entry]:
    entries = [*_visits(umkm), *_referrals(umkm), *_loan_events(umkm)]
    entries.sort(key=lambda e: (e.on, e.at or _EARLIEST), reverse=True)
    return entries[:limit] if limit else entries


def _visits(umkm):
    for visit in Visit.objects.filter(umkm=umkm).select_related("mentor__user"):
        needs = ", ".join(visit.need_labels())
        detail = " · ".join(p for p in (visit.findings, needs and _("needs: ") + needs) if p)
        yield Entry(
            on=visit.visited_on,
            kind="visit",
            title=_("Visit: %(purpose)s") % {"purpose": visit.get_purpose_display()},
            detail=detail,
            actor=f"{_name(visit.mentor.user)} ({visit.mentor.get_kind_display()})",
            at=visit.created_at,
        )


def _referrals(umkm):
    rows = Referral.objects.filter(umkm=umkm).select_related(
        "referred_by__user", "decided_by", "application"
    )
    for referral in rows:
        yield Entry(
            on=_day(referral.created_at),
            kind="referral",
            title=_("Referred to %(to)s: %(progress)s")
            % {"to": referral.get_kind_display(), "progress": referral.progress},
            detail=referral.need,
            actor=_name(referral.referred_by.user),
            at=referral.created_at,
        )
        if referral.state == Referral.State.DECLINED:
            yield Entry(
                on=_day(referral.decided_at),
                kind="referral",
                title=_("Referral declined"),
                detail=referral.decline_reason,
                actor=_name(referral.decided_by),
                at=referral.decided_at,
            )


def _loan_events(umkm):
    events = ApplicationEvent.objects.filter(application__umkm=umkm).select_related(
        "actor", "application"
    )
    for event in events:
        yield Entry(
            on=_day(event.at),
            kind="loan",
            title=_("Loan application %(number)s: %(state)s")
            % {"number": event.application.number, "state": event.get_to_state_display()},
            detail=event.note,
            actor=_name(event.actor),
            at=event.at,
        )
    # Repayments summarised per loan: one line, not one per installment.
    paid = (
        Repayment.objects.filter(loan__umkm=umkm)
        .values("loan__number")
        .annotate(n=Count("id"), total=Sum("amount"), last=Max("paid_on"))
        .order_by()
    )
    for row in paid:
        yield Entry(
            on=row["last"],
            kind="loan",
            title=_("Repayments of %(number)s") % {"number": row["loan__number"]},
            detail=_("%(count)s payments, %(total)s in all")
            % {
                "count": row["n"],
                "total": format_rupiah(row["total"] or 0),
            },
        )
    yield from _collectibility_changes(umkm)


def _collectibility_changes(umkm):
    """Only the days the collectibility moved, from the nightly records."""
    snapshots = (
        ArrearsSnapshot.objects.filter(loan__umkm=umkm)
        .order_by("loan_id", "on_date")
        .values_list("loan_id", "loan__number", "on_date", "collectibility", "days_past_due")
    )
    previous: dict[int, int] = {}
    for loan_id, number, on, level, days in snapshots:
        if previous.get(loan_id, 1) != level:
            yield Entry(
                on=on,
                kind="loan",
                title=_("%(number)s: collectibility %(level)s")
                % {"number": number, "level": level},
                detail=_("%(days)s days past due") % {"days": days},
            )
        previous[loan_id] = level
