"""Mentoring's part of a business's timeline (registered with the registry in apps.py):
visits by either kind of mentor and referrals, so both mentors of an area and the office
see the same story. One query per kind of event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from registry.timeline import TimelineEntry

from .models import Referral, Visit


def _on_day(day, recorded_at) -> datetime:
    """The visit's day, at the time it was recorded: keeps a day's visits in order."""
    return timezone.make_aware(datetime.combine(day, timezone.localtime(recorded_at).time()))


def visits(umkm, user) -> Iterable[TimelineEntry]:
    for visit in Visit.objects.filter(umkm=umkm).select_related("mentor__user"):
        needs = ", ".join(visit.need_labels())
        detail = " · ".join(p for p in (visit.findings, needs and _("needs: ") + needs) if p)
        yield TimelineEntry(
            _on_day(visit.visited_on, visit.created_at),
            _("Visit: %(purpose)s") % {"purpose": visit.get_purpose_display()},
            detail,
            f"{visit.mentor.user.display_name} ({visit.mentor.get_kind_display()})",
            "geo-alt",
        )


def referrals(umkm, user) -> Iterable[TimelineEntry]:
    rows = Referral.objects.filter(umkm=umkm).select_related(
        "referred_by__user", "decided_by", "application"
    )
    for referral in rows:
        yield TimelineEntry(
            referral.created_at,
            _("Referred to %(to)s: %(progress)s")
            % {"to": referral.get_kind_display(), "progress": referral.progress},
            referral.need,
            referral.referred_by.user.display_name,
            "send",
        )
        if referral.state == Referral.State.DECLINED:
            yield TimelineEntry(
                referral.decided_at,
                _("Referral declined"),
                referral.decline_reason,
                referral.decided_by.display_name if referral.decided_by else "",
                "x-circle",
            )
