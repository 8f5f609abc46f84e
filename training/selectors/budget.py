"""The DAK budget as read: what a line has spent, absorption (serapan) per line, the entries
of an allocation and the fiscal years there is money for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import format_rupiah

from ..models import Allocation, BudgetLine, Cohort, Spending
from ..models.budget import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR


def line_spent(line: BudgetLine) -> int:
    """What was spent from a line: its entries, reversals included (they are negative)."""
    return line.spending.aggregate(total=Sum("amount"))["total"] or 0


def lines_planned(allocation: Allocation, *, without: BudgetLine | None = None) -> int:
    """What the allocation's lines add up to, leaving out one line (the one being changed)."""
    lines = BudgetLine.objects.filter(allocation_id=allocation.pk)
    if without is not None and without.pk is not None:
        lines = lines.exclude(pk=without.pk)
    return lines.aggregate(total=Sum("amount"))["total"] or 0


def allocation_problem(allocation: Allocation) -> str | None:
    """Why an allocation may not be saved: a year that is no budget year, a new year for
    money already planned or spent in its own, or an amount less than its lines."""
    if not FIRST_FISCAL_YEAR <= allocation.fiscal_year <= LAST_FISCAL_YEAR:
        return _("The fiscal year must be from %(first)s to %(last)s.") % {
            "first": FIRST_FISCAL_YEAR,
            "last": LAST_FISCAL_YEAR,
        }
    if allocation.pk is None:
        return None
    stored_year = Allocation.objects.values_list("fiscal_year", flat=True).get(pk=allocation.pk)
    if allocation.fiscal_year != stored_year and _in_use(allocation):
        # Its spending is dated, and its cohorts run, in the year it was made for.
        return _(
            "This allocation has spending or cohorts in %(year)s: its fiscal year stays. "
            "Make an allocation for the other year instead."
        ) % {"year": stored_year}
    planned = lines_planned(allocation)
    if allocation.amount < planned:
        return _(
            "The allocation cannot be less than its budget lines, which add up to %(total)s."
        ) % {"total": format_rupiah(planned)}
    return None


def _in_use(allocation: Allocation) -> bool:
    return (
        Spending.objects.filter(line__allocation_id=allocation.pk).exists()
        or Cohort.objects.filter(budget_line__allocation_id=allocation.pk).exists()
    )


def budget_line_problem(line: BudgetLine) -> str | None:
    """Why a (new or changed) line may not be saved: the lines would add up to more than the
    allocation, or the line would be less than what was already spent from it or than what
    its cohorts are planned to cost."""
    allocation = line.allocation
    total = lines_planned(allocation, without=line) + line.amount
    if total > allocation.amount:
        return _("The lines would add up to %(total)s; the allocation is %(allocation)s.") % {
            "total": format_rupiah(total),
            "allocation": format_rupiah(allocation.amount),
        }
    if line.pk is not None:
        spent = line_spent(line)
        if line.amount < spent:
            return _("The line cannot be less than what was already spent from it (%(spent)s).") % {
                "spent": format_rupiah(spent)
            }
        planned = cohorts_planned(line)
        if line.amount < planned:
            return _(
                "The line cannot be less than what its cohorts are planned to cost (%(planned)s)."
            ) % {"planned": format_rupiah(planned)}
    return None


def cohorts_planned(line: BudgetLine, *, without: Cohort | None = None) -> int:
    """What a line's cohorts are planned to cost (quota times cost per participant), leaving
    out one cohort (the one being changed)."""
    cohorts = Cohort.objects.filter(budget_line_id=line.pk)
    if without is not None and without.pk is not None:
        cohorts = cohorts.exclude(pk=without.pk)
    return cohorts.aggregate(total=Sum(F("quota") * F("cost_per_participant")))["total"] or 0


def fiscal_year_closed(fiscal_year: int, today: date) -> bool:
    """A fiscal year is closed once it is over: nothing more is spent from it or reversed in
    it, so its absorption is final."""
    return fiscal_year < today.year


def closed_year_message(fiscal_year: int) -> str:
    return _(
        "The fiscal year %(year)s is closed; no spending is posted in it or reversed any more."
    ) % {"year": fiscal_year}


def open_spending_dates(allocation: Allocation, today: date) -> tuple[date, date] | None:
    """The first and the last day new spending of the allocation may be dated: within its
    fiscal year, up to today and from the first of the current month (a past month's
    absorption never changes afterwards). None when the year is closed or not begun."""
    first = max(today.replace(day=1), date(allocation.fiscal_year, 1, 1))
    last = min(today, date(allocation.fiscal_year, 12, 31))
    return (first, last) if first <= last else None


def cohort_cost(cohort: Cohort) -> int:
    return cohort.quota * cohort.cost_per_participant


def line_left_for_cohort(line: BudgetLine, *, without: Cohort | None = None) -> int:
    """What a line has left for one more cohort: its amount less what its other cohorts are
    planned to cost, or less what was spent from it when that is more (spending is not tied
    to a cohort, so the larger of the two is what is surely taken)."""
    planned = cohorts_planned(line, without=without)
    return line.amount - max(planned, line_spent(line))


def cohort_cost_problem(cohort: Cohort) -> str | None:
    """Why a (new or changed) cohort may not be saved: its planned cost (quota times cost per
    participant) is more than its budget line has left."""
    cost = cohort_cost(cohort)
    if cost <= 0 or cohort.budget_line_id is None:
        return None
    before = Cohort.objects.filter(pk=cohort.pk).first() if cohort.pk is not None else None
    if (
        before is not None
        and before.budget_line_id == cohort.budget_line_id
        and cost <= cohort_cost(before)
    ):
        return None  # a change that costs no more (a new venue, a smaller quota) is kept
    left = line_left_for_cohort(cohort.budget_line, without=cohort)
    if cost > left:
        return _("The cohort would cost %(cost)s; the budget line %(line)s has %(left)s left.") % {
            "cost": format_rupiah(cost),
            "line": cohort.budget_line.name,
            "left": format_rupiah(max(left, 0)),
        }
    return None


@dataclass(frozen=True)
class LineAbsorption:
    line: BudgetLine
    spent: int

    @property
    def left(self) -> int:
        return self.line.amount - self.spent

    @property
    def ratio(self) -> float:
        return self.spent / self.line.amount if self.line.amount else 0.0


def absorption(allocation: Allocation) -> list[LineAbsorption]:
    """Serapan per budget line of an allocation, in one grouped query."""
    lines = list(allocation.lines.annotate(spent=Coalesce(Sum("spending__amount"), 0)))
    return [LineAbsorption(line, line.spent) for line in lines]


def budget_entries(allocation: Allocation, *, limit: int = 100) -> QuerySet[Spending]:
    """The allocation's latest entries, each with its line and, if any, its reversal."""
    return (
        Spending.objects.filter(line__allocation=allocation)
        .select_related("line", "reversal")
        .order_by("-spent_on", "-id")[:limit]
    )


def fiscal_years() -> QuerySet:
    """The years that have an allocation, newest first."""
    return (
        Allocation.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
    )
