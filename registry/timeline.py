"""A business's timeline: what happened to it, newest first, from every app.

The registry contributes registration, changes and certificates. Apps that depend on the
registry (mentoring, lending, training) register their own sources in AppConfig.ready(),
so the registry never imports them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    title: str
    detail: str = ""
    actor: str = ""
    icon: str = "circle"  # a Bootstrap Icons name
    url: str = ""
    all_day: bool = False  # known by the day only (at_start_of): no time is shown


TimelineSource = Callable[[object, object], Iterable[TimelineEntry]]
_sources: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> TimelineSource:
    """source(umkm, user) yields the entries this user may see."""
    if source not in _sources:
        _sources.append(source)
    return source


def timeline_for(umkm, user, limit: int = 100) -> list[TimelineEntry]:
    entries = [entry for source in _sources for entry in source(umkm, user)]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def at_start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@register_timeline_source
def registry_history(umkm, user) -> Iterable[TimelineEntry]:
    records = list(
        umkm.history.select_related("history_user").order_by("history_date", "history_id")
    )
    previous = None
    for record in records:
        actor = record.history_user.display_name if record.history_user else _("system")
        if record.history_type == "+":
            yield TimelineEntry(
                record.history_date,
                _("Registered"),
                record.history_change_reason or "",
                actor,
                "plus-circle",
            )
        elif previous is not None:
            delta = record.diff_against(previous)
            fields = [
                str(umkm._meta.get_field(change.field).verbose_name) for change in delta.changes
            ]
            detail = ", ".join(fields) if fields else ""
            if record.history_change_reason:
                detail = f"{record.history_change_reason}. {detail}".strip(" .")
            yield TimelineEntry(record.history_date, _("Data changed"), detail, actor, "pencil")
        previous = record


@register_timeline_source
def certificates(umkm, user) -> Iterable[TimelineEntry]:
    for certification in umkm.certifications.all():
        if certification.issued_on:
            yield TimelineEntry(
                at_start_of(certification.issued_on),
                _("Certificate issued: %(kind)s") % {"kind": certification.get_kind_display()},
                certification.number,
                certification.issuer,
                "patch-check",
                all_day=True,
            )
