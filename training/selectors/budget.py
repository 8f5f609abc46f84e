"""The DAK budget as read: what a line has spent, absorption (serapan) per line, the entries
of an allocation and the fiscal years there is money for."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from ..models import Allocation, BudgetLine, Spending


def line_spent(line: BudgetLine) -> int:
    """What was spent from a line: its entries, reversals included (they are negative)."""
    return line.spending.aggregate(total=Sum("amount"))["total"] or 0


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
