"""Arrears: days past due, collectibility (kolektibilitas) and the portfolio's health rules.

Days past due on a date are the days since the due date of the oldest installment not fully
paid (0 when none is late). Collectibility follows a table that staff can change
(CollectibilityBand); the default is OJK's rule for banks, POJK 40/2019.

NPL (non-performing loans) and PAR30 (portfolio at risk over 30 days) are defined here once,
as shares of the outstanding principal and as query filters over the days past due and
collectibility that lending.selectors.with_arrears annotates: the portfolio page, the arrears
lists and the dashboards all use these."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from django.db.models import F, Q
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Band:
    level: int
    name: str
    min_days: int
    max_days: int | None  # None: no upper bound


# POJK 40/2019: 0 Lancar; 1-90 Dalam Perhatian Khusus; 91-120 Kurang Lancar;
# 121-180 Diragukan; over 180 Macet.
DEFAULT_BANDS = (
    Band(1, "Lancar", 0, 0),
    Band(2, "Dalam Perhatian Khusus", 1, 90),
    Band(3, "Kurang Lancar", 91, 120),
    Band(4, "Diragukan", 121, 180),
    Band(5, "Macet", 181, None),
)
# NPL: kurang lancar, diragukan and macet.
NON_PERFORMING_LEVELS = frozenset({3, 4, 5})
# PAR30: loans more than this many days past due.
AT_RISK_AFTER_DAYS = 30

# The rules as query filters, over with_arrears()'s annotations.
IN_ARREARS = Q(days_past_due__gt=0)
NON_PERFORMING = Q(collectibility__in=sorted(NON_PERFORMING_LEVELS))
AT_RISK = Q(days_past_due__gt=AT_RISK_AFTER_DAYS)
# Principal still owed by a running loan, in SQL (Loan.principal_outstanding in Python):
# the base of NPL and PAR30.
OUTSTANDING = F("principal") - F("principal_paid")


def in_arrears_on(on: date) -> Q:
    """Loans late on `on`, straight from Loan.first_unsettled_due (IN_ARREARS says the same
    of with_arrears()'s annotation): an installment not settled fell due before that day."""
    return Q(first_unsettled_due__lt=on)


def ratio(part: int, whole: int) -> float:
    """NPL or PAR30 as a share of the outstanding principal (0 when nothing is owed)."""
    return part / whole if whole else 0.0


def collectibility(days_past_due: int, bands: Iterable[Band] = DEFAULT_BANDS) -> int:
    """1..5 for a number of days past due, by the given table (POJK 40/2019 by default).
    The admin keeps the table whole (table_problems); should it still have a gap, a day in
    it counts in the band below it, never an error on a page."""
    if days_past_due < 0:
        raise ValueError("days past due cannot be negative")
    bands = sorted(bands, key=lambda band: band.min_days)
    level = bands[0].level
    for band in bands:
        if band.min_days <= days_past_due:
            level = band.level
        if band.min_days <= days_past_due and (
            band.max_days is None or days_past_due <= band.max_days
        ):
            return band.level
    return level


def table_problems(bands: Sequence[Band]) -> list[str]:
    """What keeps a collectibility table from giving every day past due exactly one level:
    it must start at 0 days, each band starting the day after the one before ends, levels
    rising with the days, and only the last band open-ended."""
    ordered = sorted(bands, key=lambda band: band.level)
    problems = []
    if not ordered or ordered[0].min_days != 0:
        problems.append(_("The first band must start at 0 days past due."))
    for before, after in pairwise(ordered):
        if before.max_days is None or after.min_days != before.max_days + 1:
            problems.append(
                _("Band %(level)s must start the day after band %(before)s ends.")
                % {"level": after.level, "before": before.level}
            )
    if ordered and ordered[-1].max_days is not None:
        problems.append(_("The last band must have no upper bound."))
    return problems


def days_past_due(unpaid_due_dates: Iterable[date], on: date) -> int:
    """Days since the oldest of the given due dates (of installments not fully paid) that
    has passed on `on`; 0 when none has."""
    late = [due for due in unpaid_due_dates if due < on]
    return (on - min(late)).days if late else 0
