"""Supervision: what each mentor did in a month (visits, businesses reached, new
registrations, referrals made and taken up), for office staff and the UPT head, and for the
mentor's own home page. A handful of grouped queries, whatever the number of visits."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from ..models import FieldChange, Mentor, Referral, Visit


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str | None, default: date) -> Month:
        """ "2026-10" -> Month(2026, 10); anything else -> the month of `default`."""
        try:
            year, month = (int(part) for part in (text or "").split("-"))
            date(year, month, 1)
        except ValueError:
            return cls(default.year, default.month)
        return cls(year, month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class MentorMonth:
    mentor: Mentor
    visits: int = 0
    reached: int = 0
    registered: int = 0
    referrals: int = 0
    taken_up: int = 0

    @property
    def conversion(self) -> float | None:
        return self.taken_up / self.referrals if self.referrals else None


def activity(month: Month, *, kind: str = "", mentor: Mentor | None = None) -> list[MentorMonth]:
    """Every active mentor (of one kind, when given), or only `mentor`, with their month's
    work; idle ones included, so that nobody's empty month goes unnoticed."""
    mentors = Mentor.objects.filter(pk=mentor.pk) if mentor else Mentor.objects.filter(active=True)
    if kind:
        mentors = mentors.filter(kind=kind)
    ordered = mentors.select_related("user").order_by("kind", "user__first_name", "pk")
    rows = {m.pk: MentorMonth(m) for m in ordered}
    visits = (
        Visit.objects.filter(mentor__in=rows, visited_on__range=(month.first, month.last))
        .values("mentor")
        .annotate(n=Count("id"), reached=Count("umkm", distinct=True))
        .order_by()
    )
    for row in visits:
        rows[row["mentor"]].visits, rows[row["mentor"]].reached = row["n"], row["reached"]
    referrals = (
        Referral.objects.filter(
            referred_by__in=rows, created_at__date__range=(month.first, month.last)
        )
        .values("referred_by")
        .annotate(n=Count("id"), taken=Count("id", filter=Q(state=Referral.State.ACCEPTED)))
        .order_by()
    )
    for row in referrals:
        rows[row["referred_by"]].referrals = row["n"]
        rows[row["referred_by"]].taken_up = row["taken"]
    registrations = (
        FieldChange.objects.filter(
            submitted_by__in=rows,
            kind=FieldChange.Kind.REGISTRATION,
            created_at__date__range=(month.first, month.last),
        )
        .values("submitted_by")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in registrations:
        rows[row["submitted_by"]].registered = row["n"]
    return list(rows.values())
